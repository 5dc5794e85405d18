import DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { ChangeRow, CitationSubject } from '../db/database';
import { countHistories, findChangesByIds, findHistoryPages } from './history.repository';

/* The `history` field of every record in a list costs one statement per record type. */

export interface HistoryKey {
  subjectType: CitationSubject;
  slug: string;
  beforeId: number | null;
  limit: number;
}

export function createHistoryLoaders({ db }: Store) {
  const pages = new DataLoader<HistoryKey, ChangeRow[], string>(
    async (keys) => {
      const groups = new Map<string, { key: HistoryKey; slugs: string[] }>();
      for (const key of keys) {
        const signature = `${key.subjectType}|${key.beforeId}|${key.limit}`;
        const group = groups.get(signature) ?? { key, slugs: [] };
        group.slugs.push(key.slug);
        groups.set(signature, group);
      }
      const results = new Map<string, ChangeRow[]>();
      await Promise.all(
        [...groups].map(async ([signature, { key, slugs }]) => {
          const bySlug = await findHistoryPages(db, key.subjectType, slugs, key.beforeId, key.limit);
          for (const slug of slugs) results.set(`${signature}|${slug}`, bySlug.get(slug) ?? []);
        }),
      );
      return keys.map((k) => results.get(`${k.subjectType}|${k.beforeId}|${k.limit}|${k.slug}`)!);
    },
    { cacheKeyFn: (k) => `${k.subjectType}|${k.beforeId}|${k.limit}|${k.slug}` },
  );
  const counts = new DataLoader<{ subjectType: CitationSubject; slug: string }, number, string>(
    async (keys) => {
      const results = new Map<string, number>();
      for (const type of new Set(keys.map((k) => k.subjectType))) {
        const slugs = keys.filter((k) => k.subjectType === type).map((k) => k.slug);
        const counted = await countHistories(db, type, slugs);
        for (const slug of slugs) results.set(`${type}|${slug}`, counted.get(slug) ?? 0);
      }
      return keys.map((k) => results.get(`${k.subjectType}|${k.slug}`)!);
    },
    { cacheKeyFn: (k) => `${k.subjectType}|${k.slug}` },
  );
  const byId = new DataLoader<number, ChangeRow | null>(async (ids) => {
    const rows = new Map((await findChangesByIds(db, ids)).map((row) => [Number(row.id), row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
  return { pages, counts, byId };
}
