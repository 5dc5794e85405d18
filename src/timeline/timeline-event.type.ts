import { Field, ID, Int, InterfaceType } from 'type-graphql';
import type { DatePrecisionValue } from '../db/database';
import { toGlobalId } from '../graphql/relay/global-id';
import type { DatePrecision, TimelineEventType } from '../domain/vocabulary';
import { DatePrecisionEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { Organization } from '../organizations/organization.type';
import { Source } from '../sources/source.type';

/** What every event's row holds of the fields all events share. */
interface EventRowFields {
  id: number;
  organization_id: number;
  slug: string;
  date: string;
  date_precision: DatePrecisionValue;
  title: string;
  summary: string | null;
  version: number | string;
}

/** The fields every event shares, from its row: what each kind's mapper starts from. */
export function eventFields(type: TimelineEventType, row: EventRowFields) {
  return {
    dbId: row.id,
    organizationId: row.organization_id,
    id: toGlobalId(TYPE_NAMES[type], row.slug),
    eventType: type,
    slug: row.slug,
    date: row.date,
    datePrecision: row.date_precision,
    title: row.title,
    summary: row.summary,
    version: Number(row.version),
  };
}

/** The GraphQL type (and global-id prefix) of each kind of event. */
export const TYPE_NAMES: Record<TimelineEventType, string> = {
  RELEASE: 'Release',
  POLICY_POSITION: 'PolicyPosition',
  POLICY_ACTION: 'PolicyAction',
};

@InterfaceType({
  implements: Node,
  description: 'Anything that happened on a date and belongs on a timeline.',
  // Events are class instances that say what they are; plain rows never reach the schema.
  resolveType: (value: TimelineEvent) => TYPE_NAMES[value.eventType],
})
export abstract class TimelineEvent implements Node {
  dbId!: number;
  organizationId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field(() => TimelineEventTypeEnum, { description: 'Which kind of event this is.' })
  eventType!: TimelineEventType;

  @Field(() => String, { description: 'Human-readable stable key.' })
  slug!: string;

  @Field(() => DateScalar, {
    description: 'When it happened: the public announcement date. Imprecise dates are the first day of their period.',
  })
  date!: string;

  @Field(() => DatePrecisionEnum, { description: 'How much of `date` is known.' })
  datePrecision!: DatePrecision;

  @Field(() => String, { description: 'A one-line headline in the project’s own words.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'A short account in the project’s own words.' })
  summary!: string | null;

  @Field(() => Organization, { description: 'The organization the event belongs to.' })
  organization!: Organization;

  @Field(() => [Source], { description: 'The documents that support this event; at least one.' })
  sources!: Source[];

  @Field(() => Int, { description: 'Bumped by every change; an update names the version it read.' })
  version!: number;
}

export const TimelineEventConnection = Connection(
  TimelineEvent,
  'TimelineEvent',
  'A page of timeline events in date order; ties on one date are ordered by event type, then slug.',
);
