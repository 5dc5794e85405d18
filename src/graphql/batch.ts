import DataLoader from 'dataloader';
import { groupBy } from '../db/rows';

/*
 * DataLoader factories. Every loader is created per request (see context.ts), so nothing
 * cached outlives the request. Batch functions keep key order: one `IN (...)` query, a
 * Map, then `keys.map(...)` (after graphql-hive's group-store).
 */

/** One row per key, or null. */
export function rowLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row] as const));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Many rows per key, in the order the query returned them. */
export function listLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => {
    const byKey = groupBy(await fetch(keys), keyOf);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

export interface ParentKey<P> {
  parentId: number;
  /** Everything besides the parent that shapes the result (filter, page request). */
  params: P;
}

/**
 * A value per parent for nested connections. Keys that share `params` (the usual case: the
 * same field on every item of a list) are answered by one statement.
 */
export function perParentLoader<P, V>(
  run: (parentIds: number[], params: P) => Promise<Map<number, V>>,
  empty: () => V,
): DataLoader<ParentKey<P>, V, string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, { params: P; ids: number[] }>();
      for (const key of keys) {
        const signature = JSON.stringify(key.params);
        const group = groups.get(signature) ?? { params: key.params, ids: [] };
        group.ids.push(key.parentId);
        groups.set(signature, group);
      }
      const results = new Map<string, V>();
      await Promise.all(
        [...groups].map(async ([signature, group]) => {
          const values = await run(group.ids, group.params);
          for (const id of group.ids) results.set(`${id}|${signature}`, values.get(id) ?? empty());
        }),
      );
      return keys.map((k) => results.get(`${k.parentId}|${JSON.stringify(k.params)}`)!);
    },
    { cacheKeyFn: (k) => `${k.parentId}|${JSON.stringify(k.params)}` },
  );
}

/**
 * By-id and by-slug loaders over one table. A row found by slug is primed into the
 * by-id loader, so relations that point at it later cost nothing.
 */
export function slugLoaders<R extends { id: number; slug: string }>(
  byIds: (ids: readonly number[]) => Promise<R[]>,
  bySlugs: (slugs: readonly string[]) => Promise<R[]>,
) {
  const byId = rowLoader(byIds, (r) => r.id);
  const bySlug = rowLoader(
    async (slugs: readonly string[]) => {
      const rows = await bySlugs(slugs);
      for (const row of rows) byId.prime(row.id, row);
      return rows;
    },
    (r) => r.slug,
  );
  return { byId, bySlug };
}
