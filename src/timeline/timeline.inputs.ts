import { Field, InputType } from 'type-graphql';
import type { AccessLevel, OrderDirection, PolicyTopic, TimelineEventType } from '../domain/vocabulary';
import { AccessLevelEnum, OrderDirectionEnum, PolicyTopicEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

@InputType({
  description:
    'Narrows the timeline. Fields combine with AND; a list matches any of its values. Release-only fields (`accessLevels`, `openOnly`) leave policy positions alone, and position-only fields (`topics`) leave releases alone: use `eventTypes` to drop a kind entirely.',
})
export class TimelineFilter {
  @Field(() => [String], { nullable: true, description: 'Organization slugs, e.g. `["meta"]`. An unknown slug is an error.' })
  organizations?: string[] | null;

  @Field(() => [TimelineEventTypeEnum], { nullable: true, description: 'Only these kinds of event.' })
  eventTypes?: TimelineEventType[] | null;

  @Field(() => [AccessLevelEnum], { nullable: true, description: 'Releases with these access levels only (positions unaffected).' })
  accessLevels?: AccessLevel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'When true, releases whose `isOpen` is true only (positions unaffected unless `eventTypes` excludes them).',
  })
  openOnly?: boolean | null;

  @Field(() => [PolicyTopicEnum], { nullable: true, description: 'Positions on these topics only (releases unaffected).' })
  topics?: PolicyTopic[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date (inclusive).' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date (inclusive).' })
  to?: string | null;
}

@InputType({ description: 'Timeline order: by date, ties broken by event type, then slug.' })
export class TimelineOrder {
  @Field(() => OrderDirectionEnum, { defaultValue: 'ASC', description: '`ASC` for oldest first.' })
  direction!: OrderDirection;
}
