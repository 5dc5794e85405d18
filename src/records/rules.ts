import type { Kysely } from 'kysely';
import type { UserError } from '../curation/user-error';
import type { Database } from '../db/database';
import type { Db, Lookup, Path, RecordKind, ReverseRead, Rule, SeedRecords } from './kind';
import { readRecords } from './read';
import { matching } from './read-kit';
import { kindOf, KINDS } from './registry';

/*
 * The rules that look beyond one record, written once in each kind's definition and run
 * here against a lookup: the seed's records in memory (every record at once), or the
 * records around one record being written, read from the store first. Messages are the
 * rules' own, so the seed check, the API and re-seeding say the same thing.
 */

export interface Problem {
  path: Path;
  message: string;
  code: UserError['code'];
}

type Records = { [K in RecordKind]: ReadonlyArray<SeedRecords[K]> };

/** Every problem the rules find with one record. */
export function checkAgainst<K extends RecordKind>(kind: K, value: SeedRecords[K], lookup: Lookup): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string, code: UserError['code'] = 'INVALID') => void problems.push({ path, message, code });
  const def = kindOf(kind);
  for (const ref of def.references) {
    for (const { path, slug } of ref.slugs(value)) {
      if (ref.notSelf && ref.target === kind && slug === value.slug) report(path, ref.notSelf);
      else if (!lookup.exists(ref.target, slug)) {
        const noun = kindOf(ref.target).noun;
        report(path, `unknown ${noun} "${slug}": no ${noun} has that slug`, 'NOT_FOUND');
      }
    }
  }
  for (const rule of def.rules) rule(value, lookup, report);
  for (const guard of guardsOn(kind)) (guard.rule as Rule<K>)(value, lookup, report);
  return problems;
}

const guardsOn = (kind: RecordKind) => KINDS.flatMap((other) => (other.guards ?? []).filter((g) => g.kind === kind));

/** Records held in memory: the seed's (every record checked with all the others), or those read around one record. */
export function memoryLookup(records: Partial<Records>, whole = true): Lookup {
  const bySlug = new Map<string, unknown>();
  for (const def of KINDS) {
    for (const value of records[def.key] ?? []) if (!bySlug.has(`${def.key}:${value.slug}`)) bySlug.set(`${def.key}:${value.slug}`, value);
  }
  return {
    whole,
    exists: (kind, slug) => bySlug.has(`${kind}:${slug}`),
    get: <T extends RecordKind>(kind: T, slug: string) => bySlug.get(`${kind}:${slug}`) as SeedRecords[T] | undefined,
    referrers: <T extends RecordKind>(kind: T, name: string, slug: string) => {
      const ref = kindOf(kind).references.find((r) => r.name === name)!;
      return ((records[kind] ?? []) as ReadonlyArray<SeedRecords[T]>).filter((value) => ref.slugs(value).some((s) => s.slug === slug));
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dynamic = (db: Db) => db as unknown as Kysely<any>;

/** Slugs of the records of `read.kind` whose reference `read.name` names the record `slug` of `target`. */
async function referrerSlugs(db: Db, target: RecordKind, slug: string, read: ReverseRead): Promise<string[]> {
  const def = kindOf(read.kind);
  const ref = def.references.find((r) => r.name === read.name)!;
  const { column, child } = ref.stored;
  const rows = (
    child
      ? await matching(
          dynamic(db)
            .selectFrom(`${child.table} as c`)
            .innerJoin(`${def.table} as m`, 'm.id', `c.${child.parent}`)
            .innerJoin(`${kindOf(target).table} as t`, 't.id', `c.${column}`)
            .select('m.slug')
            .where('t.slug', '=', slug),
          child.match,
          'c.',
        ).execute()
      : await dynamic(db)
          .selectFrom(`${def.table} as m`)
          .innerJoin(`${kindOf(target).table} as t`, 't.id', `m.${column}`)
          .select('m.slug')
          .where('t.slug', '=', slug)
          .execute()
  ) as Array<{ slug: string }>;
  return [...new Set(rows.map((r) => r.slug))];
}

/** How many records a mutation's lookup follows chains to (`Reference.follow`); a chain this long is far beyond curated data. */
export const FOLLOW_LIMIT = 1000;

type Wanted = Map<RecordKind, Set<string>>;
const want = (wanted: Wanted, kind: RecordKind, slugs: Iterable<string>) => {
  const set = wanted.get(kind) ?? wanted.set(kind, new Set()).get(kind)!;
  for (const s of slugs) set.add(s);
};

/** The slugs a record's followed references lead to, by target kind. */
function followed<K extends RecordKind>(kind: K, value: SeedRecords[K], into: Wanted): void {
  for (const ref of kindOf(kind).references) if (ref.follow) want(into, ref.target, ref.follow(value));
}

/**
 * The records around one record, read from the store: the records it refers to, the
 * records that refer to it through the references its rules follow backwards, and the
 * records reached by following chains of references marked `follow` (read a link of the
 * chain at a time, up to FOLLOW_LIMIT records).
 */
export async function storeLookup<K extends RecordKind>(db: Db | Kysely<Database>, kind: K, value: SeedRecords[K]): Promise<Lookup> {
  const wanted: Wanted = new Map();
  for (const ref of kindOf(kind).references)
    want(
      wanted,
      ref.target,
      ref.slugs(value).map((s) => s.slug),
    );
  const reverse = [...(kindOf(kind).reads ?? []), ...guardsOn(kind).flatMap((g) => g.reads)];
  for (const read of reverse) {
    if (read.when && !read.when(value)) continue;
    want(wanted, read.kind, await referrerSlugs(db, kind, value.slug, read));
  }
  // The record itself is the one given, never its stored version: a chain back to it is a cycle, which the rules see by its slug.
  const got = new Map<string, unknown>([[`${kind}:${value.slug}`, value]]);
  const done = new Set<string>(); // records whose chains are followed already
  let chain: Wanted = new Map([[kind, new Set([value.slug])]]);
  for (let round: Wanted = wanted; round.size > 0 && got.size <= FOLLOW_LIMIT;) {
    const next: Wanted = new Map();
    for (const [k, slugs] of round) {
      const fresh = [...slugs].filter((s) => !got.has(`${k}:${s}`));
      for (const { value: read } of await readRecords(db, k, fresh)) got.set(`${k}:${read.slug}`, read);
    }
    for (const [k, slugs] of chain) {
      for (const s of slugs) {
        const read = got.get(`${k}:${s}`);
        if (read === undefined || done.has(`${k}:${s}`)) continue;
        done.add(`${k}:${s}`);
        followed(k, read as SeedRecords[typeof k], next);
      }
    }
    round = chain = next;
  }
  got.delete(`${kind}:${value.slug}`);
  const records: Partial<Record<RecordKind, unknown[]>> = {};
  for (const [key, read] of got) (records[key.slice(0, key.indexOf(':')) as RecordKind] ??= []).push(read);
  return memoryLookup(records as Partial<Records>, false);
}

/** Every record in the store in seed format, by kind. */
export async function readAll(db: Db): Promise<{ [K in RecordKind]: Array<SeedRecords[K]> }> {
  const entries = [];
  for (const def of KINDS) entries.push([def.key, (await readRecords(db, def.key)).map((r) => r.value)] as const);
  return Object.fromEntries(entries) as { [K in RecordKind]: Array<SeedRecords[K]> };
}
