import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../db/connect';
import { bumpDataVersion } from '../db/data-version';
import type { CitationSubject, Database } from '../db/database';
import { recordChange, type ChangeEntry } from '../curation/history';
import { NOUN_OF, RECORD_KINDS, SUBJECT_OF, TABLE_OF, type RecordKind, type SeedRecords } from '../curation/records';
import { dateParts, mainRow, writeChildren, type Resolve } from '../curation/writers';
import { rebuildSearchIndex, searchIndexIsEmpty } from '../search/search.indexer';
import { sourceKey } from '../sources/source.service';
import type { SeedData } from './seed.loader';
import { changedMeanwhile, plan, SeedRefusedError, tally, type SeedOptions, type SeedReport, type Write } from './seed.plan';
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
export { SeedRefusedError } from './seed.plan';

type Trx = Transaction<Database>;
type MainTable = (typeof TABLE_OF)[RecordKind];

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
    // Only over the version the plan read: a curator's edit committed since is never overwritten.
    const updated = await trx
      .updateTable(table)
      .set({ ...values, content_hash: w.hash, origin: 'SEED', version: sql`version + 1`, updated_at: sql`CURRENT_TIMESTAMP` } as never)
      .where('id', '=', w.existing.id)
      .where('version', '=', w.existing.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw changedMeanwhile(kind, w.value.slug);
    id = w.existing.id;
    counts.updated++;
  }
  if (w.overwrite) {
    counts.overwritten.push(w.value.slug);
    await trx.deleteFrom('tombstones').where('subject_type', '=', SUBJECT_OF[kind]).where('slug', '=', w.value.slug).execute();
  }
  ctx.changes.push({
    kind, slug: w.value.slug, id, operation: 'SEED', mutation: ctx.mutation, keyName: null, keyRole: null,
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

/** Rules across records that a seed merged with curated records could break (empty when none is). */
async function brokenRules(trx: Trx, adapter: Store['adapter']): Promise<string[]> {
  const late = await trx
    .selectFrom('releases as r')
    .innerJoin('releases as p', 'p.id', 'r.predecessor_id')
    .select(['r.slug', 'p.slug as predecessor'])
    .whereRef('p.date', '>', 'r.date')
    .orderBy('r.slug')
    .execute();
  const notOpen = await trx
    .selectFrom('releases as r')
    .leftJoin('licenses as l', 'l.id', 'r.license_id')
    .select(['r.slug', 'l.slug as license'])
    .where('r.access_level', '=', 'OPEN_SOURCE')
    .where((eb) => eb.or([eb('l.id', 'is', null), eb('l.osi_approved', '=', adapter.bool(false))]))
    .orderBy('r.slug')
    .execute();
  return [
    ...late.map((r) => `release "${r.slug}" is dated before its predecessor "${r.predecessor}"`),
    ...notOpen.map((r) => `release "${r.slug}" is OPEN_SOURCE ${r.license ? `under "${r.license}", which is not OSI-approved` : 'without a license'}`),
  ];
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

    const resolveFor = (by: string): Resolve => (table, slug) => idOf(table, slug, by);
    /** Writes one planned record: its row, its child rows and its citations. */
    const writeAll = async <K extends RecordKind>(kind: K, w: Write<K>, links: boolean) => {
      const resolve = resolveFor(`${NOUN_OF[kind]} "${w.value.slug}"`);
      const id = await write(trx, kind, w, await mainRow(adapter, kind, w.value, resolve, links), ctx);
      return { id, resolve, fresh: !w.existing };
    };
    const children = async <K extends RecordKind>(kind: K, value: SeedRecords[K], written: { id: number; resolve: Resolve; fresh: boolean }) => {
      await writeChildren(trx, kind, written.id, value, written.resolve, written.fresh);
      await replaceCitations(trx, SUBJECT_OF[kind], written.id, (value as { sources?: SeedSource[] }).sources, sourceIds, written.fresh);
    };

    for (const kind of ['organizations', 'licenses', 'people'] as const) {
      for (const w of planned[kind] as Array<Write<typeof kind>>) await children(kind, w.value, await writeAll(kind, w, true));
    }
    // Releases refer to each other (predecessor, comparedWith): rows first, links second.
    const writtenReleases = [];
    for (const w of planned.releases) writtenReleases.push({ value: w.value, written: await writeAll('releases', w, false) });
    for (const { value: r, written } of writtenReleases) {
      if (r.predecessor || !written.fresh) {
        await trx.updateTable('releases').set({ predecessor_id: r.predecessor ? await written.resolve('releases', r.predecessor) : null }).where('id', '=', written.id).execute();
      }
      await children('releases', r, written);
    }
    for (const w of planned.policyPositions) await children('policyPositions', w.value, await writeAll('policyPositions', w, true));

    // The seed files were checked against each other; kept curated records may disagree with them.
    if (ctx.changes.length) {
      const broken = await brokenRules(trx, adapter);
      if (broken.length) throw new SeedRefusedError(`with the curated records kept, the store would break ${broken.length === 1 ? 'a rule' : 'rules'} the seed files must keep: ${broken.join('; ')}. Run \`npm run seed:export\` and settle the records in git, or fix them through the API.`);
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
