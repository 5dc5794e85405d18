import type { Db, RecordKind, SeedRecords } from './kind';
import { compact } from './read-kit';
import { kindOf } from './registry';

/*
 * Records read back in seed format: the exact shape `seed/*.yaml` parses to (defaults
 * filled, absent optionals left out). One reader serves the change history (before and
 * after of every edit), `seed:export`, re-seeding's check for curated edits, and the rules.
 */

export interface StoredRecord<K extends RecordKind> {
  id: number;
  version: number;
  value: SeedRecords[K];
}

/** Records of one kind in seed format, ordered by slug; all of them, or those with the given slugs. */
export async function readRecords<K extends RecordKind>(db: Db, kind: K, slugs?: readonly string[]): Promise<StoredRecord<K>[]> {
  if (slugs && slugs.length === 0) return [];
  const def = kindOf(kind);
  const rows = await db
    .selectFrom(def.table)
    .selectAll()
    .$if(slugs !== undefined, (q) => q.where('slug', 'in', slugs!))
    .orderBy('slug')
    .execute();
  const values = await def.read(db, rows as Parameters<typeof def.read>[1], slugs === undefined);
  // Absent optionals are left out, as a parsed seed file leaves them.
  return rows.map((row, i) => ({ id: row.id, version: Number(row.version), value: compact(values[i]!) as SeedRecords[K] }));
}

export async function readRecord<K extends RecordKind>(db: Db, kind: K, slug: string): Promise<StoredRecord<K> | undefined> {
  return (await readRecords(db, kind, [slug]))[0];
}

/** A stable text for comparing records: keys sorted at every level. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
