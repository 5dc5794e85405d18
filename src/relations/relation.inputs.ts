import { Field, InputType } from 'type-graphql';
import type { RelationType, TimelineEventType } from '../domain/vocabulary';
import { RelationTypeEnum, TimelineEventTypeEnum } from '../graphql/enums';

@InputType({ description: 'A typed link from the event being written (the source) to another timeline event: "this REVOKES that".' })
export class EventRelationInput {
  @Field(() => RelationTypeEnum, { description: 'How this event relates to the other.' })
  type!: RelationType;

  @Field(() => TimelineEventTypeEnum, { description: 'Which kind of event the other one is.' })
  targetType!: TimelineEventType;

  @Field(() => String, { description: 'Slug of the other event.' })
  target!: string;

  @Field(() => String, { nullable: true, description: "What the link is, in the project's own words (at most 500 characters)." })
  note?: string | null;
}
