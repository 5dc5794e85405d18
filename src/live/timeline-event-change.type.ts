import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { TimelineChangeOperation, TimelineEventType } from '../domain/vocabulary';
import { TimelineChangeOperationEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { TimelineEvent } from '../timeline/timeline-event.type';

@ObjectType({ simpleResolvers: true, description: 'A curator’s change to a timeline event, as delivered by `timelineEventChanged`.' })
export class TimelineEventChange {
  @Field(() => TimelineChangeOperationEnum, { description: 'Whether the event was updated or deleted.' })
  operation!: TimelineChangeOperation;

  @Field(() => ID, { description: 'The event’s global id (still meaningful after a delete, to drop it from a client’s cache).' })
  eventId!: string;

  @Field(() => String, { description: 'The event’s slug.' })
  slug!: string;

  @Field(() => TimelineEventTypeEnum, { description: 'Which kind of event changed.' })
  eventType!: TimelineEventType;

  @Field(() => Int, { nullable: true, description: 'The event’s version after the change; null when it was deleted.' })
  version!: number | null;

  @Field(() => TimelineEvent, {
    nullable: true,
    description: 'The event as it is now, read when the change is delivered; null when it was deleted.',
  })
  event!: TimelineEvent | null;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  changedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Role of the API key that made the change (`EDITOR` or `ADMIN`; key names are not public); null for changes made outside the API (the seed).',
  })
  actor!: string | null;
}
