import { Field, InputType } from 'type-graphql';
import type { AccessLevel, OrderDirection, PolicyActionKind, PolicyTopic, TimelineEventType } from '../domain/vocabulary';
import { AccessLevelEnum, OrderDirectionEnum, PolicyActionKindEnum, PolicyTopicEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

@InputType({
  description:
    'Narrows the timeline. Fields combine with AND; a list matches any of its values. `organizations` narrows every kind of event unless `organizationsApplyTo` says which. A field particular to one kind of event leaves the others alone: release-only fields (`accessLevels`, `openOnly`), position-only fields (`topics`) and policy-action-only fields (`jurisdictions`, `policyActionKinds`). Use `eventTypes` to drop a kind entirely.',
})
export class TimelineFilter {
  @Field(() => [String], {
    nullable: true,
    description:
      'Organization slugs, e.g. `["meta"]`: events of these organizations, and policy actions they issued or signed. An unknown slug is an error.',
  })
  organizations?: string[] | null;

  @Field(() => [TimelineEventTypeEnum], {
    nullable: true,
    description:
      'The kinds of event that `organizations` narrows; the others are left alone. Leave it out for every kind; an empty list is an error. E.g. `[RELEASE, POLICY_POSITION]` with `jurisdictions` shows some organizations beside the policy actions of some jurisdictions.',
  })
  organizationsApplyTo?: TimelineEventType[] | null;

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

  @Field(() => [String], {
    nullable: true,
    description:
      'Policy actions in these jurisdictions only, by code, e.g. `["US", "EU"]` (other events unaffected). An unknown code is an error.',
  })
  jurisdictions?: string[] | null;

  @Field(() => [PolicyActionKindEnum], { nullable: true, description: 'Policy actions of these kinds only (other events unaffected).' })
  policyActionKinds?: PolicyActionKind[] | null;

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
