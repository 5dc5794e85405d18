import type { Kysely } from 'kysely';
import type { Database, EventRelationRow } from '../db/database';
import { tag } from '../db/keyset';
import { groupBy } from '../db/rows';
import type { TimelineEventType } from '../domain/vocabulary';

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
