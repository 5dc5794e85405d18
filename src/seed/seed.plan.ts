import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, RecordOrigin } from '../db/database';
import type { RecordKind, SeedRecords } from '../records/kind';
import { canonical, readRecords } from '../records/read';
import { kindOf } from '../records/registry';

/*
 * What re-seeding does with each seed record, decided before anything is written: insert,
 * update, leave unchanged, or keep an edit made through the API (a curated record, or a
 * tombstone). The rule is in docs/seed-format.md, "Seed and curated edits".
 */

export interface SeedConflict {
  slug: string;
  message: string;
}

export interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Edited through the API after the seed text was applied: the curated record was kept. */
  keptCurated: string[];
  /** Edited through the API, and the seed text changed too: the curated record was kept. */
  conflicts: SeedConflict[];
  /** Deleted through the API: not brought back. */
  keptDeleted: string[];
  /** Curated records the seed replaced (only with `overwriteCurated`). */
  overwritten: string[];
}
export type SeedReport = Record<RecordKind, Tally>;

export interface SeedOptions {
  /** Named in the history: `db:seed`, or `seed` for start-up seeding. */
  mutation?: string;
  /** Take the seed's version of curated records too, deleted ones included. */
  overwriteCurated?: boolean;
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export const tally = (): Tally => ({
  inserted: 0,
  updated: 0,
  unchanged: 0,
  keptCurated: [],
  conflicts: [],
  keptDeleted: [],
  overwritten: [],
});

/** The seed refers to a record it may not bring back; nothing was written. */
export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(`Seed refused, nothing was written: ${message}`);
    this.name = 'SeedRefusedError';
  }
}

/** A record a curator changed between the seed reading it and writing it. */
export const changedMeanwhile = (kind: RecordKind, slug: string) =>
  new SeedRefusedError(
    `${kindOf(kind).noun} "${slug}" was changed through the API while the seed ran; run the seed again to apply it with that change in view.`,
  );

function conflict(kind: RecordKind, slug: string): SeedConflict {
  return {
    slug,
    message:
      `${kindOf(kind).noun} "${slug}" was edited through the API and its seed text has changed since it was last applied; the curated version was kept. ` +
      'To reconcile, run `npm run seed:export` and settle the two versions in git (the next db:seed then takes the record back), ' +
      "or make the seed's change through the API; `npm run db:seed -- --overwrite-curated` takes the seed version instead.",
  };
}

/** A stored row as seeding sees it. */
export interface Existing {
  id: number;
  content_hash: string | null;
  origin: RecordOrigin;
  version: number;
}

/** A record the seed will write, with what it replaces (for the history). */
export interface Write<K extends RecordKind> {
  value: SeedRecords[K];
  hash: string;
  existing?: Existing;
  before: SeedRecords[K] | null;
  overwrite: boolean;
}

/** Records of one kind in seed format, for the slugs asked (all of them when there are many). */
async function storedValues<K extends RecordKind>(
  trx: Transaction<Database>,
  kind: K,
  slugs: string[],
): Promise<Map<string, SeedRecords[K]>> {
  if (slugs.length === 0) return new Map();
  const records = await readRecords(trx, kind, slugs.length > 500 ? undefined : slugs);
  return new Map(records.map((r) => [r.value.slug, r.value]));
}

/**
 * Decides, for every seed record of one kind, whether the seed writes it; counts the ones
 * it does not. A curated record equal to its seed text is taken back here (origin SEED,
 * the seed's hash, no new version). Returns the writes and every stored id by slug.
 */
export async function plan<K extends RecordKind>(
  trx: Transaction<Database>,
  kind: K,
  items: Array<{ value: SeedRecords[K] }>,
  deleted: Set<string>,
  options: SeedOptions,
  tally: Tally,
) {
  const { table, subject } = kindOf(kind);
  const rows = await trx.selectFrom(table).select(['id', 'slug', 'content_hash', 'origin', 'version']).execute();
  const bySlug = new Map(rows.map((r) => [r.slug, { ...r, version: Number(r.version) }]));
  const hashed = items.map(({ value }) => ({ value, hash: hashOf(value), existing: bySlug.get(value.slug) }));
  // The stored record is needed as the history's "before" and to compare curated records with the seed.
  const needed = hashed
    .filter((h) => h.existing && (h.existing.origin === 'API' || h.existing.content_hash !== h.hash))
    .map((h) => h.value.slug);
  const stored = await storedValues(trx, kind, needed);
  const writes: Array<Write<K>> = [];
  for (const { value, hash, existing } of hashed) {
    const { slug } = value;
    if (!existing) {
      const tombstoned = deleted.has(`${subject}:${slug}`);
      if (tombstoned && !options.overwriteCurated) tally.keptDeleted.push(slug);
      else writes.push({ value, hash, before: null, overwrite: tombstoned });
    } else if (existing.origin !== 'API') {
      if (existing.content_hash === hash) tally.unchanged++;
      else writes.push({ value, hash, existing, before: stored.get(slug)!, overwrite: false });
    } else if (canonical(stored.get(slug)) === canonical(value)) {
      // Only if no curator changed it since it was read (the seed then fails and can be run again).
      const adopted = await trx
        .updateTable(table)
        .set({ origin: 'SEED', content_hash: hash })
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .executeTakeFirst();
      if (Number(adopted.numUpdatedRows) !== 1) throw changedMeanwhile(kind, value.slug);
      tally.unchanged++;
    } else if (options.overwriteCurated) {
      writes.push({ value, hash, existing, before: stored.get(slug)!, overwrite: true });
    } else if (existing.content_hash === hash) tally.keptCurated.push(slug);
    else tally.conflicts.push(conflict(kind, slug));
  }
  return { writes, ids: new Map(rows.map((r) => [r.slug, r.id])) };
}
