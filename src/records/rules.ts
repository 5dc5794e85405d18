import type { Kysely } from 'kysely';
import type { UserError } from '../curation/user-error';
import type { Database } from '../db/database';
import { withArticle } from '../graphql/article';
import {
  stepKey,
  type Db,
  type Lookup,
  type Path,
  type RecordKind,
  type ReverseRead,
  type Rule,
  type SeedRecords,
  type Step,
} from './kind';
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
        const other = ref.elsewhere?.find((k) => lookup.exists(k, slug));
        const hint = other ? ` (${slug} is ${withArticle(kindOf(other).noun)})` : '';
        report(path, `unknown ${noun} "${slug}": no ${noun} has that slug${hint}`, 'NOT_FOUND');
      }
    }
  }
  for (const rule of def.rules) rule(value, lookup, report);
  for (const guard of guardsOn(kind)) (guard.rule as Rule<K>)(value, lookup, report);
  return problems;
}

const guardsOn = (kind: RecordKind) => KINDS.flatMap((other) => (other.guards ?? []).filter((g) => g.kind === kind));

/**
 * Records held in memory: the seed's (every record checked with all the others), or those
 * read around one record. Chains step from record to record (`steps`), unless the steps
 * were read from the store beforehand (`chains`).
 */
export function memoryLookup(records: Partial<Records>, whole = true, chains?: ReadonlyMap<string, Step[]>): Lookup {
  const bySlug = new Map<string, unknown>();
  for (const def of KINDS) {
    for (const value of records[def.key] ?? [])
      if (!bySlug.has(stepKey(def.key, value.slug))) bySlug.set(stepKey(def.key, value.slug), value);
  }
  const get = <T extends RecordKind>(kind: T, slug: string) => bySlug.get(stepKey(kind, slug)) as SeedRecords[T] | undefined;
  return {
    whole,
    exists: (kind, slug) => bySlug.has(stepKey(kind, slug)),
    get,
    referrers: <T extends RecordKind>(kind: T, name: string, slug: string) => {
      const ref = kindOf(kind).references.find((r) => r.name === name)!;
      return ((records[kind] ?? []) as ReadonlyArray<SeedRecords[T]>).filter((value) => ref.slugs(value).some((s) => s.slug === slug));
    },
    steps: (kind, slug) => {
      if (chains) return chains.get(stepKey(kind, slug)) ?? [];
      const value = get(kind, slug);
      return value === undefined ? [] : (kindOf(kind).chain?.steps(value as never) ?? []);
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

/**
 * The records around one record, read from the store: the records it refers to, and the
 * records that refer to it through the references its rules follow backwards; and, for a
 * kind with a chain, the chain's steps from the record on, as far as they go (one
 * statement).
 */
export async function storeLookup<K extends RecordKind>(db: Db | Kysely<Database>, kind: K, value: SeedRecords[K]): Promise<Lookup> {
  type Wanted = Map<RecordKind, Set<string>>;
  const want = (wanted: Wanted, target: RecordKind, slugs: Iterable<string>) => {
    const set = wanted.get(target) ?? wanted.set(target, new Set()).get(target)!;
    for (const s of slugs) set.add(s);
  };
  const records: Partial<Record<RecordKind, Array<{ slug: string }>>> = {};
  const has = (k: RecordKind, slug: string) => records[k]?.some((r) => r.slug === slug) ?? false;
  const read = async (wanted: Wanted) => {
    for (const [k, slugs] of wanted) {
      // Never the record itself as stored: the rules judge the one given.
      const fresh = [...slugs].filter((s) => (k !== kind || s !== value.slug) && !has(k, s));
      if (fresh.length) (records[k] ??= []).push(...(await readRecords(db, k, fresh)).map((r) => r.value));
    }
  };

  const around: Wanted = new Map();
  for (const ref of kindOf(kind).references)
    want(
      around,
      ref.target,
      ref.slugs(value).map((s) => s.slug),
    );
  const reverse = [...(kindOf(kind).reads ?? []), ...guardsOn(kind).flatMap((g) => g.reads)];
  for (const r of reverse) {
    if (r.when && !r.when(value)) continue;
    want(around, r.kind, await referrerSlugs(db, kind, value.slug, r));
  }
  await read(around);
  // A slug no record has where this one names it is looked for where it may be by mistake, for the message.
  const astray: Wanted = new Map();
  for (const ref of kindOf(kind).references)
    for (const { slug } of ref.slugs(value)) if (!has(ref.target, slug)) for (const k of ref.elsewhere ?? []) want(astray, k, [slug]);
  await read(astray);
  const chains = await kindOf(kind).chain?.reach(db, value);
  return memoryLookup(records as Partial<Records>, false, chains ?? new Map());
}

/** Every record in the store in seed format, by kind. */
export async function readAll(db: Db): Promise<{ [K in RecordKind]: Array<SeedRecords[K]> }> {
  const entries = [];
  for (const def of KINDS) entries.push([def.key, (await readRecords(db, def.key)).map((r) => r.value)] as const);
  return Object.fromEntries(entries) as { [K in RecordKind]: Array<SeedRecords[K]> };
}
