import DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { EventRelationRow } from '../db/database';
import { findRelations, type RelationEnd } from './relation.repository';

const keyOf = (e: RelationEnd) => `${e.side}:${e.type}:${e.id}`;

/**
 * The relation rows at one end of each event asked for in a tick, both ends in one
 * statement: `relations` and `referencedBy` of every event at one nesting level cost one.
 */
export function createRelationLoaders({ db }: Store) {
  return {
    byEnd: new DataLoader<RelationEnd, EventRelationRow[], string>(
      async (ends) => {
        const found = new Map<string, EventRelationRow[]>();
        const add = (key: string, row: EventRelationRow) => void (found.get(key) ?? found.set(key, []).get(key)!).push(row);
        for (const row of await findRelations(db, ends)) {
          add(keyOf({ side: 'source', type: row.source_type, id: row.source_id }), row);
          add(keyOf({ side: 'target', type: row.target_type, id: row.target_id }), row);
        }
        return ends.map((e) => found.get(keyOf(e)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
  };
}
