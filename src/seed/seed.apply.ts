import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../db/connect';
import { bumpDataVersion } from '../db/data-version';
import type { DialectAdapter } from '../db/adapter';
import type { CitationSubject, Database } from '../db/database';
import { parseCuratedDate } from '../domain/dates';
import { isOpenAccess } from '../domain/vocabulary';
import { recordChange, type ChangeEntry } from '../curation/history';
import { RECORD_KINDS, SUBJECT_OF, TABLE_OF, type RecordKind, type SeedRecords } from '../curation/records';
import { rebuildSearchIndex, searchIndexIsEmpty } from '../search/search.indexer';
import { sourceKey } from '../sources/source.service';
import type { SeedData } from './seed.loader';
import { plan, tally, type SeedOptions, type SeedReport, type Write } from './seed.plan';
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
 * `overwriteCurated` makes the seed win instead (seed.plan.ts decides, record by record).
 * Every record the seed writes gets a history entry (operation SEED) with its state
 * before and after.
 */

export type { SeedConflict, SeedOptions, SeedReport, Tally } from './seed.plan';

type Trx = Transaction<Database>;
type MainTable = (typeof TABLE_OF)[RecordKind];

function dateParts(value: string | undefined) {
  const parsed = value === undefined ? null : parseCuratedDate(value);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

/** Inserts or updates one planned record; returns its id. The history entry is collected in `changes`. */
async function write<K extends RecordKind>(trx: Trx, kind: K, w: Write<K>, values: Record<string, unknown>, ctx: ApplyContext): Promise<number> {
  const table = TABLE_OF[kind] as 'releases';
  const counts = ctx.report[kind];
  let id: number;
  if (!w.existing) {
    const row = await trx.insertInto(table).values({ ...values, slug: w.value.slug, content_hash: w.hash } as never).returning('id').executeTakeFirstOrThrow();
    id = row.id;
    ctx.ids[TABLE_OF[kind]].set(w.value.slug, id);
    counts.inserted++;
  } else {
    await trx
      .updateTable(table)
      .set({ ...values, content_hash: w.hash, origin: 'SEED', version: sql`version + 1`, updated_at: sql`CURRENT_TIMESTAMP` } as never)
      .where('id', '=', w.existing.id)
      .execute();
    id = w.existing.id;
    counts.updated++;
  }
  if (w.overwrite) {
    counts.overwritten.push(w.value.slug);
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
