import { Field, ObjectType } from 'type-graphql';
import type { RelationType } from '../domain/vocabulary';
import { RelationTypeEnum } from '../graphql/enums';
import { TimelineEvent } from '../timeline/timeline-event.type';

@ObjectType({ simpleResolvers: true, description: 'A typed link from one timeline event to another.' })
export class EventRelation {
  @Field(() => RelationTypeEnum, { description: 'How the source relates to the target: the source REVOKES the target.' })
  type!: RelationType;

  @Field(() => TimelineEvent, {
    description: 'The other event: the target in `relations`, the source (the event making the link) in `referencedBy`.',
  })
  event!: TimelineEvent;

  @Field(() => String, { nullable: true, description: "What the link is, in the project's own words." })
  note!: string | null;
}
