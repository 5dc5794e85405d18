import { sql, type Kysely } from 'kysely';
import type { Database, EventRelationRow } from '../db/database';
import { tag } from '../db/keyset';
import { groupBy } from '../db/rows';
import type { RelationType, TimelineEventType } from '../domain/vocabulary';
import { EVENT_TARGETS, EVENT_TYPES } from './relation.targets';

/** Which end of a relation an event is looked up at: the event making the link, or the one it points at. */
export type RelationSide = 'source' | 'target';

/** A timeline event as relation rows name it (its type and row id), at one end of its relations. */
export interface RelationEnd {
  side: RelationSide;
  type: TimelineEventType;
  id: number;
}

const COLUMNS = {
  source: ['source_type', 'source_id'],
  target: ['target_type', 'target_id'],
} as const;

/** The relation rows with one of these events at the given end: one statement for all of them, in curated order. */
export function findRelations(db: Kysely<Database>, ends: readonly RelationEnd[]): Promise<EventRelationRow[]> {
  const groups = [...groupBy(ends, (e) => `${e.side}:${e.type}`).values()];
  return db
    .selectFrom('event_relations')
    .selectAll()
    .where((eb) =>
      eb.or(
        groups.map(([first, ...rest]) => {
          const [typeColumn, idColumn] = COLUMNS[first!.side];
          return eb.and([
            eb(typeColumn, '=', first!.type),
            eb(
              idColumn,
              'in',
              [first!, ...rest].map((e) => e.id),
            ),
          ]);
        }),
      ),
    )
    .orderBy('source_type')
    .orderBy('source_id')
    .orderBy('ordinal')
    .modifyEnd(tag('eventRelations'))
    .execute();
}

/** A link of a chain, as `chainLinks` finds it: both ends by type and slug. */
export interface ChainLink {
  source_type: TimelineEventType;
  source_slug: string;
  relation_type: RelationType;
  target_type: TimelineEventType;
  target_slug: string;
}

/**
 * The links of the given types out of every event reachable from `starts` through such
 * links (the starts included), each source's in curated order: one recursive statement,
 * however long the chains are (both stores run WITH RECURSIVE). UNION, not UNION ALL, so a
 * cycle already in the store ends the walk rather than looping.
 */
export async function chainLinks(
  db: Kysely<Database>,
  types: readonly RelationType[],
  starts: ReadonlyArray<{ type: TimelineEventType; slug: string }>,
): Promise<ChainLink[]> {
  const byType = [...groupBy(starts, (s) => s.type)];
  if (!byType.length || !types.length) return [];
  const linkTypes = sql.join(types.map((t) => sql`${t}`));
  const anchor = sql.join(
    byType.map(
      ([type, list]) =>
        sql`select cast(${type} as text) as event_type, id as event_id from ${sql.table(EVENT_TARGETS[type].table)} where slug in (${sql.join(list.map((s) => s.slug))})`,
    ),
    sql` union all `,
  );
  // An event's slug, whichever table holds it: one left join per event type, at each end.
  const ends = (side: 'source' | 'target') =>
    EVENT_TYPES.map(
      (type, i) =>
        sql`left join ${sql.table(EVENT_TARGETS[type].table)} as ${sql.raw(`${side[0]}${i}`)} on r.${sql.raw(`${side}_type`)} = ${type} and ${sql.raw(`${side[0]}${i}`)}.id = r.${sql.raw(`${side}_id`)}`,
    );
  const slugOf = (side: 'source' | 'target') => sql.raw(`coalesce(${EVENT_TYPES.map((_, i) => `${side[0]}${i}.slug`).join(', ')})`);
  const { rows } = await sql<ChainLink>`
    with recursive reached (event_type, event_id) as (
      select start.event_type, start.event_id from (${anchor}) as start
      union
      select r.target_type, r.target_id
      from event_relations r
      join reached on r.source_type = reached.event_type and r.source_id = reached.event_id
      where r.relation_type in (${linkTypes})
    )
    select r.source_type, ${slugOf('source')} as source_slug, r.relation_type, r.target_type, ${slugOf('target')} as target_slug
    from reached
    join event_relations r on r.source_type = reached.event_type and r.source_id = reached.event_id
    ${sql.join(ends('source'), sql` `)}
    ${sql.join(ends('target'), sql` `)}
    where r.relation_type in (${linkTypes})
    order by r.source_type, r.source_id, r.ordinal ${tag('eventChain')}`.execute(db);
  return rows;
}
