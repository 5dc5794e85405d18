import DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { ChangeRow, CitationSubject } from '../db/database';
import { countHistories, findChangesByIds, findHistoryPages } from './history.repository';

/* The `history` field of every record in a list costs one statement per record type. */

export interface HistoryKey {
  subjectType: CitationSubject;
  /** The record's row id: history follows the record, not its slug. */
  id: number;
  beforeId: number | null;
  limit: number;
}

export function createHistoryLoaders({ db }: Store) {
  const pages = new DataLoader<HistoryKey, ChangeRow[], string>(
    async (keys) => {
      const groups = new Map<string, { key: HistoryKey; ids: number[] }>();
      for (const key of keys) {
        const signature = `${key.subjectType}|${key.beforeId}|${key.limit}`;
        const group = groups.get(signature) ?? { key, ids: [] };
        group.ids.push(key.id);
        groups.set(signature, group);
      }
      const results = new Map<string, ChangeRow[]>();
      await Promise.all(
        [...groups].map(async ([signature, { key, ids }]) => {
          const byId = await findHistoryPages(db, key.subjectType, ids, key.beforeId, key.limit);
          for (const id of ids) results.set(`${signature}|${id}`, byId.get(id) ?? []);
        }),
      );
      return keys.map((k) => results.get(`${k.subjectType}|${k.beforeId}|${k.limit}|${k.id}`)!);
    },
    { cacheKeyFn: (k) => `${k.subjectType}|${k.beforeId}|${k.limit}|${k.id}` },
  );
  const counts = new DataLoader<{ subjectType: CitationSubject; id: number }, number, string>(
    async (keys) => {
      const results = new Map<string, number>();
      for (const type of new Set(keys.map((k) => k.subjectType))) {
        const ids = keys.filter((k) => k.subjectType === type).map((k) => k.id);
        const counted = await countHistories(db, type, ids);
        for (const id of ids) results.set(`${type}|${id}`, counted.get(id) ?? 0);
      }
      return keys.map((k) => results.get(`${k.subjectType}|${k.id}`)!);
    },
    { cacheKeyFn: (k) => `${k.subjectType}|${k.id}` },
  );
  const byId = new DataLoader<number, ChangeRow | null>(async (ids) => {
    const rows = new Map((await findChangesByIds(db, ids)).map((row) => [Number(row.id), row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
  return { pages, counts, byId };
}
