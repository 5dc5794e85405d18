import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../db/connect';
import { bumpDataVersion } from '../db/data-version';
import type { DialectAdapter } from '../db/adapter';
import type { CitationSubject, Database, RecordOrigin } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { isOpenAccess } from '../domain/vocabulary';
import { recordChange, type ChangeEntry } from '../curation/history';
import { canonical, readRecords, RECORD_KINDS, SUBJECT_OF, TABLE_OF, type RecordKind, type SeedRecords } from '../curation/records';
import { rebuildSearchIndex, searchIndexIsEmpty } from '../search/search.indexer';
import { sourceKey } from '../sources/source.service';
import type { SeedData } from './seed.loader';
import type { SeedSource } from './seed.schema';

/*
 * Applies validated seed data in one transaction, upserting by slug. Each record's
 * content hash is stored, so a re-seed touches (and bumps the version of) only records
 * whose seed text changed; everything else is counted as unchanged. Records that exist
 * in the database but not in the seed are left alone.
 *
 * A curated edit (made through the API) is never overwritten silently: a record deleted
 * through the API stays deleted, and a record edited through the API keeps its curated
 * content unless the seed says exactly the same (then the seed takes it back). When both
 * the seed text and the record changed, the record is kept and reported as a conflict.
 * `overwriteCurated` makes the seed win instead. Every record the seed writes gets a
 * history entry (operation SEED) with its state before and after.
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

type Trx = Transaction<Database>;
type MainTable = (typeof TABLE_OF)[RecordKind];

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function dateParts(value: string | undefined) {
  const parsed = value === undefined ? null : parseCuratedDate(value);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

const NOUN: Record<RecordKind, string> = { organizations: 'organization', people: 'person', licenses: 'license', releases: 'release', policyPositions: 'policy position' };

function conflict(kind: RecordKind, slug: string): SeedConflict {
  return {
    slug,
    message:
      `${NOUN[kind]} "${slug}" was edited through the API and its seed text has changed since it was last applied; the curated version was kept. ` +
      'To reconcile, run `npm run seed:export` and settle the two versions in git (the next db:seed then takes the record back), ' +
      'or make the seed\'s change through the API; `npm run db:seed -- --overwrite-curated` takes the seed version instead.',
  };
}

/** A stored row as seeding sees it. */
interface Existing {
  id: number;
  content_hash: string | null;
  origin: RecordOrigin;
  version: number;
}

/** A record the seed will write, with what it replaces (for the history). */
interface Write<K extends RecordKind> {
  value: SeedRecords[K];
  hash: string;
  existing?: Existing;
  before: SeedRecords[K] | null;
  overwrite: boolean;
}

/** Records of one kind in seed format, for the slugs asked (all of them when there are many). */
async function storedValues<K extends RecordKind>(trx: Trx, adapter: DialectAdapter, kind: K, slugs: string[]): Promise<Map<string, SeedRecords[K]>> {
  if (slugs.length === 0) return new Map();
  const records = await readRecords(trx, adapter, kind, slugs.length > 500 ? undefined : slugs);
  return new Map(records.map((r) => [r.value.slug, r.value]));
}

/**
 * Decides, for every seed record of one kind, whether the seed writes it; counts the ones
 * it does not. A curated record equal to its seed text is taken back here (origin SEED,
 * the seed's hash, no new version). Returns the writes and every stored id by slug.
 */
async function plan<K extends RecordKind>(trx: Trx, adapter: DialectAdapter, kind: K, items: Array<{ value: SeedRecords[K] }>, deleted: Set<string>, options: SeedOptions, tally: Tally) {
  // Every main table has these columns; one table's type stands for all of them.
  const table = TABLE_OF[kind] as 'releases';
  const rows = await trx.selectFrom(table).select(['id', 'slug', 'content_hash', 'origin', 'version']).execute();
  const bySlug = new Map(rows.map((r) => [r.slug, { ...r, version: Number(r.version) }]));
  const hashed = items.map(({ value }) => ({ value, hash: hashOf(value), existing: bySlug.get(value.slug) }));
  // The stored record is needed as the history's "before" and to compare curated records with the seed.
  const needed = hashed.filter((h) => h.existing && (h.existing.origin === 'API' || h.existing.content_hash !== h.hash)).map((h) => h.value.slug);
  const stored = await storedValues(trx, adapter, kind, needed);
  const writes: Array<Write<K>> = [];
  for (const { value, hash, existing } of hashed) {
    const { slug } = value;
    if (!existing) {
      const tombstoned = deleted.has(`${SUBJECT_OF[kind]}:${slug}`);
      if (tombstoned && !options.overwriteCurated) tally.keptDeleted.push(slug);
      else writes.push({ value, hash, before: null, overwrite: tombstoned });
    } else if (existing.origin !== 'API') {
      if (existing.content_hash === hash) tally.unchanged++;
      else writes.push({ value, hash, existing, before: stored.get(slug)!, overwrite: false });
    } else if (canonical(stored.get(slug)) === canonical(value)) {
      await trx.updateTable(table).set({ origin: 'SEED', content_hash: hash }).where('id', '=', existing.id).execute();
      tally.unchanged++;
    } else if (options.overwriteCurated) {
      writes.push({ value, hash, existing, before: stored.get(slug)!, overwrite: true });
    } else if (existing.content_hash === hash) tally.keptCurated.push(slug);
    else tally.conflicts.push(conflict(kind, slug));
  }
  return { writes, ids: new Map(rows.map((r) => [r.slug, r.id])) };
}

/** Inserts or updates one planned record; returns its id. The history entry is collected in `changes`. */
async function write<K extends RecordKind>(trx: Trx, kind: K, w: Write<K>, values: Record<string, unknown>, ctx: ApplyContext): Promise<number> {
  const table = TABLE_OF[kind] as 'releases';
  const tally = ctx.report[kind];
  let id: number;
  if (!w.existing) {
    const row = await trx.insertInto(table).values({ ...values, slug: w.value.slug, content_hash: w.hash } as never).returning('id').executeTakeFirstOrThrow();
    id = row.id;
    ctx.ids[TABLE_OF[kind]].set(w.value.slug, id);
    tally.inserted++;
  } else {
    await trx
      .updateTable(table)
      .set({ ...values, content_hash: w.hash, origin: 'SEED', version: sql`version + 1`, updated_at: sql`CURRENT_TIMESTAMP` } as never)
      .where('id', '=', w.existing.id)
      .execute();
    id = w.existing.id;
    tally.updated++;
  }
  if (w.overwrite) {
    tally.overwritten.push(w.value.slug);
    await trx.deleteFrom('tombstones').where('subject_type', '=', SUBJECT_OF[kind]).where('slug', '=', w.value.slug).execute();
  }
  ctx.changes.push({
    kind, slug: w.value.slug, operation: 'SEED', mutation: ctx.mutation, keyName: null,
    reason: w.overwrite ? 'the seed files replaced a curated edit (--overwrite-curated)' : null,
    version: w.existing ? w.existing.version + 1 : 1, before: w.before, after: w.value,
  });
  return id;
}

async function upsertSources(trx: Trx, sources: SeedSource[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of sources) {
    if (ids.has(s.url)) continue;
    const published = dateParts(s.publishedOn);
    const values = {
      key: sourceKey(s.url),
      url: s.url,
      title: s.title,
      publisher: s.publisher ?? null,
      published_on: published.date,
      published_on_precision: published.precision,
      accessed_on: dateParts(s.accessedOn).date,
      accessed_on_precision: dateParts(s.accessedOn).precision,
    };
    const row = await trx
      .insertInto('sources')
      .values(values)
      .onConflict((oc) => oc.column('url').doUpdateSet({ title: values.title, publisher: values.publisher, published_on: values.published_on, published_on_precision: values.published_on_precision, accessed_on: values.accessed_on, accessed_on_precision: values.accessed_on_precision }))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(s.url, row.id);
  }
  return ids;
}

/** Cites a record's sources; `fresh` for a record just inserted, which has nothing to clear. */
async function replaceCitations(trx: Trx, subject: CitationSubject, subjectId: number, sources: SeedSource[] | undefined, sourceIds: Map<string, number>, fresh: boolean) {
  if (!fresh) await trx.deleteFrom('citations').where('subject_type', '=', subject).where('subject_id', '=', subjectId).execute();
  const rows = (sources ?? []).map((s, ordinal) => ({ subject_type: subject, subject_id: subjectId, source_id: sourceIds.get(s.url)!, ordinal }));
  if (rows.length) await trx.insertInto('citations').values(rows).execute();
}

const tally = (): Tally => ({ inserted: 0, updated: 0, unchanged: 0, keptCurated: [], conflicts: [], keptDeleted: [], overwritten: [] });

interface ApplyContext {
  report: SeedReport;
  mutation: string;
  changes: Array<ChangeEntry<RecordKind>>;
  /** Every stored record's id by slug, per table, kept current as the seed inserts. */
  ids: Record<MainTable, Map<string, number>>;
}

/** The seed refers to a record it may not bring back; nothing was written. */
export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(`Seed refused, nothing was written: ${message}`);
    this.name = 'SeedRefusedError';
  }
}

export async function applySeed(store: Store, data: SeedData, options: SeedOptions = {}): Promise<SeedReport> {
  const { adapter } = store;
  const report = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, tally()])) as SeedReport;
  await store.db.transaction().execute(async (trx) => {
    const tombstones = await trx.selectFrom('tombstones').select(['subject_type', 'slug']).execute();
    const deleted = new Set(tombstones.map((t) => `${t.subject_type}:${t.slug}`));
    const ctx: ApplyContext = { report, mutation: options.mutation ?? 'seed', changes: [], ids: {} as ApplyContext['ids'] };
    const planned = {} as { [K in RecordKind]: Array<Write<K>> };
    for (const kind of RECORD_KINDS) {
      const { writes, ids } = await plan(trx, adapter, kind, data[kind] as Array<{ value: SeedRecords[typeof kind] }>, deleted, options, report[kind]);
      (planned as Record<RecordKind, unknown>)[kind] = writes;
      ctx.ids[TABLE_OF[kind]] = ids;
    }
    // Only records the seed writes bring their sources: a kept curated record's citations stay as they are.
    const sourceIds = await upsertSources(trx, RECORD_KINDS.flatMap((kind) => planned[kind].flatMap((w) => (w.value as { sources?: SeedSource[] }).sources ?? [])));
    const idOf = (table: MainTable, slug: string, by: string) => {
      const id = ctx.ids[table].get(slug);
      if (id !== undefined) return id;
      throw new SeedRefusedError(
        `${by} refers to ${table} "${slug}", which was deleted through the API. Restore it through the API, remove the reference from the seed files, or run \`npm run db:seed -- --overwrite-curated\` to bring it back.`,
      );
    };

    for (const w of planned.organizations) {
      const o = w.value;
      const id = await write(trx, 'organizations', w, {
        name: o.name, kind: o.kind, description: o.description ?? null, website: o.website ?? null,
        stock_ticker: o.stockTicker ?? null, business_model: o.businessModel ?? null,
      }, ctx);
      await replaceCitations(trx, 'ORGANIZATION', id, o.sources, sourceIds, !w.existing);
    }

    for (const w of planned.licenses) {
      const l = w.value;
      const id = await write(trx, 'licenses', w, {
        name: l.name, spdx_id: l.spdxId ?? null, url: l.url ?? null, osi_approved: adapter.bool(l.osiApproved),
        allows_commercial_use: adapter.bool(l.allowsCommercialUse), user_threshold: l.userThreshold ?? null,
      }, ctx);
      if (w.existing) await trx.deleteFrom('license_restrictions').where('license_id', '=', id).execute();
      if (l.restrictions.length) await trx.insertInto('license_restrictions').values(l.restrictions.map((text, ordinal) => ({ license_id: id, ordinal, text }))).execute();
      await replaceCitations(trx, 'LICENSE', id, l.sources, sourceIds, !w.existing);
    }

    for (const w of planned.people) {
      const p = w.value;
      const id = await write(trx, 'people', w, { name: p.name, description: p.description ?? null }, ctx);
      if (w.existing) await trx.deleteFrom('roles').where('person_id', '=', id).execute();
      for (const [ordinal, role] of p.roles.entries()) {
        const start = dateParts(role.startedOn);
        const end = dateParts(role.endedOn);
        await trx.insertInto('roles').values({
          person_id: id, organization_id: idOf('organizations', role.organization, `person "${p.slug}"`), ordinal, title: role.title,
          started_on: start.date, started_on_precision: start.precision, ended_on: end.date, ended_on_precision: end.precision,
        }).execute();
      }
      await replaceCitations(trx, 'PERSON', id, p.sources, sourceIds, !w.existing);
    }

    // Releases refer to each other (predecessor, comparedWith): rows first, links second.
    const writtenReleases: Array<{ id: number; value: SeedRecords['releases']; fresh: boolean }> = [];
    for (const w of planned.releases) {
      const r = w.value;
      const by = `release "${r.slug}"`;
      const date = parseCuratedDate(r.date)!;
      const id = await write(trx, 'releases', w, {
        name: r.name, title: r.title, artifact_type: r.artifactType, family: r.family ?? null,
        organization_id: idOf('organizations', r.organization, by), date: date.date, date_precision: date.precision,
        summary: r.summary ?? null, access_level: r.accessLevel, is_open: adapter.bool(isOpenAccess(r.accessLevel)),
        license_id: r.license ? idOf('licenses', r.license, by) : null,
      }, ctx);
      writtenReleases.push({ id, value: r, fresh: !w.existing });
    }
    for (const { id, value: r, fresh } of writtenReleases) {
      const by = `release "${r.slug}"`;
      if (r.predecessor || !fresh) await trx.updateTable('releases').set({ predecessor_id: r.predecessor ? idOf('releases', r.predecessor, by) : null }).where('id', '=', id).execute();
      if (!fresh) {
        await trx.deleteFrom('release_variants').where('release_id', '=', id).execute();
        await trx.deleteFrom('release_modalities').where('release_id', '=', id).execute();
        await trx.deleteFrom('release_comparisons').where('release_id', '=', id).execute();
      }
      if (r.variants.length) {
        await trx.insertInto('release_variants').values(r.variants.map((v, ordinal) => ({
          release_id: id, ordinal, name: v.name, parameter_count: v.parameterCount ?? null, active_parameter_count: v.activeParameterCount ?? null,
        }))).execute();
      }
      if (r.modalities.length) await trx.insertInto('release_modalities').values(r.modalities.map((modality, ordinal) => ({ release_id: id, ordinal, modality }))).execute();
      if (r.comparedWith.length) {
        await trx.insertInto('release_comparisons').values(r.comparedWith.map((slug, ordinal) => ({ release_id: id, compared_release_id: idOf('releases', slug, by), ordinal }))).execute();
      }
      await replaceCitations(trx, 'RELEASE', id, r.sources, sourceIds, fresh);
    }

    for (const w of planned.policyPositions) {
      const p = w.value;
      const by = `policy position "${p.slug}"`;
      const date = parseCuratedDate(p.date)!;
      const id = await write(trx, 'policyPositions', w, {
        title: p.title, date: date.date, date_precision: date.precision, summary: p.summary ?? null,
        actor_person_id: 'person' in p.actor ? idOf('people', p.actor.person, by) : null,
        actor_organization_id: 'organization' in p.actor ? idOf('organizations', p.actor.organization, by) : null,
        organization_id: idOf('organizations', p.organization, by), topic: p.topic, stance: p.stance, quote: p.quote ?? null,
      }, ctx);
      if (w.existing) await trx.deleteFrom('position_arguments').where('position_id', '=', id).execute();
      if (p.arguments.length) await trx.insertInto('position_arguments').values(p.arguments.map((text, ordinal) => ({ position_id: id, ordinal, text }))).execute();
      await replaceCitations(trx, 'POLICY_POSITION', id, p.sources, sourceIds, !w.existing);
    }

    for (const change of ctx.changes) await recordChange(trx, change);
    const changed = ctx.changes.length > 0;
    if (changed || (await searchIndexIsEmpty(trx))) await rebuildSearchIndex(trx);
    if (changed) await bumpDataVersion(trx);
  });
  return report;
}

/** True when the store holds no data yet (start-up seeds only then). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
