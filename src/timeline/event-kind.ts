import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { RecordKind } from '../curation/records';
import type { Database } from '../db/database';
import type { ExportPart } from '../export/export.part';
import type { TimelineEventType } from '../domain/vocabulary';
import type { Context } from '../app/context';
import type { TimelineMatchFields } from '../live/timeline-events';
import type { TimelineEvent } from './timeline-event.type';
import type { TimelineFilter } from './timeline.inputs';

/*
 * What the timeline needs to know of one kind of event. Each event kind defines itself in
 * its own folder (`releases/release.timeline.ts`, ...) and `event-kinds.ts` lists them; the
 * timeline's queries, counts, `Organization.timeline` and live-update matching iterate
 * that list. A kind's filter semantics are said once, as rules: the same rules build its
 * SQL conditions and match one event in memory, so the query and the subscriptions agree.
 */

/** What every event row holds of the timeline key (date, type, slug). */
export interface EventRow {
  date: string;
  slug: string;
}

/** A `timeline` filter with its organization slugs resolved: what the branch queries run on. */
export interface TimelineCriteria {
  /** The event types the filter keeps. */
  eventTypes: readonly TimelineEventType[];
  /** `organizations` as row ids; null for every organization. */
  organizationIds: readonly number[] | null;
  /** The filter as given: its dates and each kind's own fields. */
  filter: TimelineFilter;
}

type FieldsHolding<T> = { [K in keyof TimelineFilter]-?: NonNullable<TimelineFilter[K]> extends T ? K : never }[keyof TimelineFilter];
/** Fields that narrow every kind alike, applied by the kit itself. */
type SharedField = 'organizations' | 'organizationsApplyTo' | 'eventTypes' | 'from' | 'to';
/** A `TimelineFilter` list that one kind answers to. */
export type ListField = Exclude<FieldsHolding<readonly string[]>, SharedField>;
/** A `TimelineFilter` flag that one kind answers to. */
export type FlagField = FieldsHolding<boolean>;
/** A field of the live-update message that belongs to one kind. */
export type KindMatchField = Exclude<keyof TimelineMatchFields, 'organization' | 'otherOrganizations' | 'date'>;

/**
 * How one `TimelineFilter` field narrows a kind: `column` in SQL, `field` of a live-update
 * message in memory. A filter field that no rule of a kind names leaves that kind alone.
 */
export type FilterRule =
  /** The event's value is one of the list's (a given but empty list matches nothing). */
  | { anyOf: ListField; column: string; field: KindMatchField }
  /** When the flag is true, the event's value is true. */
  | { whenTrue: FlagField; column: string; field: KindMatchField };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelect = SelectQueryBuilder<any, any, any>;

/** What an event kind says of itself. */
export interface EventKindDefinition<Row extends EventRow, SeedRecord> {
  /** Its `TimelineEventType`: its place among the events of one date, and its cursors' middle part. */
  readonly type: TimelineEventType;
  /** The record kind (in seed format) whose records are these events. */
  readonly recordKind: RecordKind;
  /** Its table, under an alias that `columns` and `filters` qualify their columns with. */
  table(db: Kysely<Database>): AnySelect;
  readonly columns: {
    /** The event's date and slug: with the type, the timeline key. */
    date: string;
    slug: string;
    /** The organization the event belongs to (`filter.organizations`, `Organization.timeline`). */
    organization: string;
  };
  /**
   * Organizations the event also belongs to, in a child table of (event, organization)
   * rows: a policy action's signatories. `filter.organizations` and `Organization.timeline`
   * take them in beside `columns.organization`; `matchFields` gives them as `otherOrganizations`.
   */
  readonly otherOrganizations?: {
    /** The child table, under its own alias: `policy_action_signatories as s`. */
    table: string;
    /** Its column naming the event, and the column of `table()` it refers to. */
    event: string;
    id: string;
    /** Its column naming the organization. */
    organization: string;
  };
  /** The `TimelineFilter` fields particular to this kind. */
  readonly filters: readonly FilterRule[];
  /** A row as the GraphQL event. */
  toEvent(row: Row): TimelineEvent;
  /** The event with this slug, through the request's loaders; null when there is none. */
  bySlug(ctx: Context, slug: string): Promise<TimelineEvent | null>;
  /** The event with this row id, through the request's loaders (batched per kind); null when there is none. */
  byId(ctx: Context, id: number): Promise<TimelineEvent | null>;
  /** Its part of the CSV and TimelineJS exports. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly export: ExportPart<any>;
  /** What subscriptions match on, for a record of this kind in seed format (as a curation mutation has it). */
  matchFields(record: SeedRecord): TimelineMatchFields;
  /** Checks this kind's filter fields beyond their GraphQL types (throws a bad-argument error naming `argument.field`). */
  checkFilter?(filter: TimelineFilter, argument: string): void;
}

export interface TimelineEventKind<Row extends EventRow = EventRow, SeedRecord = unknown> extends EventKindDefinition<Row, SeedRecord> {
  /** Its events that pass `c`: the branch query, with nothing selected yet (pages select rows, counts count). */
  branch(db: Kysely<Database>, c: TimelineCriteria): AnySelect;
  /**
   * Its events that pass `c` and belong to one of `organizationIds`, with the column saying
   * which (`parent`; an event of two of them comes once for each): `Organization.timeline`.
   */
  ofOrganizations(db: Kysely<Database>, c: TimelineCriteria, organizationIds: readonly number[]): { query: AnySelect; parent: string };
  /** Whether one event of this kind passes `filter`: `branch`'s conditions, for a live update. */
  matches(filter: TimelineFilter, fields: TimelineMatchFields): boolean;
}

/** A given list matches any of its values, so an empty one matches nothing. */
const within = <T>(list: readonly T[] | null | undefined, value: T | null): boolean =>
  list == null || (value !== null && list.includes(value));

/** Whether `filter.organizations` narrows events of `type` (every kind, unless `organizationsApplyTo` names some). */
export const organizationsNarrow = (filter: TimelineFilter, type: TimelineEventType): boolean =>
  !filter.organizationsApplyTo || filter.organizationsApplyTo.includes(type);

/** An event kind with its branch query and its matcher, both made from its rules. */
export function defineEventKind<Row extends EventRow, SeedRecord>(
  kind: EventKindDefinition<Row, SeedRecord>,
): TimelineEventKind<Row, SeedRecord> {
  const { columns, filters, otherOrganizations: others } = kind;
  /** The event's own organization is one of `ids`, or (`OR EXISTS`) one of its other organizations is. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const belongsTo = (ids: readonly number[]) => (eb: ExpressionBuilder<any, any>) =>
    others
      ? eb.or([
          eb(columns.organization, 'in', ids),
          eb.exists(
            eb
              .selectFrom(others.table)
              .select(sql.lit(1).as('one'))
              .whereRef(others.event, '=', others.id)
              .where(others.organization, 'in', ids),
          ),
        ])
      : eb(columns.organization, 'in', ids);
  const branch = (db: Kysely<Database>, { organizationIds, filter }: TimelineCriteria): AnySelect => {
    let q = kind.table(db);
    if (organizationIds && organizationsNarrow(filter, kind.type)) q = q.where(belongsTo(organizationIds));
    for (const rule of filters) {
      if ('anyOf' in rule) {
        const list = filter[rule.anyOf];
        if (list) q = q.where(rule.column, 'in', list);
      } else if (filter[rule.whenTrue]) {
        q = q.where(rule.column, '=', true);
      }
    }
    if (filter.from) q = q.where(columns.date, '>=', filter.from);
    if (filter.to) q = q.where(columns.date, '<=', filter.to);
    return q;
  };
  return {
    ...kind,
    branch,
    ofOrganizations(db, c, ids) {
      if (!others) return { query: branch(db, c).where(columns.organization, 'in', ids), parent: columns.organization };
      // Each (event, organization) pair once: the event's own organization, then the others (UNION drops an issuer who also signed).
      const members = kind
        .table(db)
        .select([sql.ref(others.id).as('member_event'), sql.ref(columns.organization).as('member_organization')])
        .where(columns.organization, 'in', ids)
        .union(
          (db as Kysely<any>) // eslint-disable-line @typescript-eslint/no-explicit-any
            .selectFrom(others.table)
            .select([sql.ref(others.event).as('member_event'), sql.ref(others.organization).as('member_organization')])
            .where(others.organization, 'in', ids),
        );
      return {
        query: branch(db, c).innerJoin(members.as('m'), 'm.member_event', others.id),
        parent: 'm.member_organization',
      };
    },
    matches(filter, fields) {
      if (!within(filter.eventTypes, kind.type)) return false;
      if (filter.organizations && organizationsNarrow(filter, kind.type)) {
        const own = [fields.organization, ...(fields.otherOrganizations ?? [])];
        if (!own.some((slug) => filter.organizations!.includes(slug))) return false;
      }
      if (filter.from && fields.date < filter.from) return false;
      if (filter.to && fields.date > filter.to) return false;
      return filters.every((rule) =>
        'anyOf' in rule
          ? within<unknown>(filter[rule.anyOf], fields[rule.field] ?? null)
          : !filter[rule.whenTrue] || fields[rule.field] === true,
      );
    },
  };
}
