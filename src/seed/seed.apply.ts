import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../db/connect';
import { bumpDataVersion } from '../db/data-version';
import type { CitationSubject, Database } from '../db/database';
import { recordChange, type ChangeEntry } from '../curation/history';
import { sourceListsOf, type RecordKind, type Resolve, type SeedRecords, type SourceList } from '../records/kind';
import { kindOf, KINDS, RECORD_KINDS } from '../records/registry';
import { checkAgainst, memoryLookup, readAll } from '../records/rules';
import { linkValues, mainValues, sourceRow, writeChildren } from '../records/write';
import { rebuildSearchIndex, searchIndexIsEmpty } from '../search/search.indexer';
import type { SeedSource } from './seed.fields';
import { pathToString, type SeedData } from './seed.loader';
import { changedMeanwhile, plan, SeedRefusedError, tally, type SeedOptions, type SeedReport, type Write } from './seed.plan';

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
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dynamic = (trx: Trx) => trx as unknown as Kysely<any>; // a kind's table is known at run time only

/** Inserts or updates one planned record; returns its id. The history entry is collected in `changes`. */
async function write<K extends RecordKind>(trx: Trx, kind: K, w: Write<K>, values: object, ctx: ApplyContext): Promise<number> {
  const { table, subject } = kindOf(kind);
  const counts = ctx.report[kind];
  let id: number;
  if (!w.existing) {
    const row = (await dynamic(trx)
      .insertInto(table)
      .values({ ...values, slug: w.value.slug, content_hash: w.hash })
      .returning('id')
      .executeTakeFirstOrThrow()) as { id: number };
    id = row.id;
    ctx.ids[kind].set(w.value.slug, id);
    counts.inserted++;
  } else {
    // Only over the version the plan read: a curator's edit committed since is never overwritten.
    const updated = await dynamic(trx)
      .updateTable(table)
      .set({ ...values, content_hash: w.hash, origin: 'SEED', version: sql`version + 1`, updated_at: sql`CURRENT_TIMESTAMP` })
      .where('id', '=', w.existing.id)
      .where('version', '=', w.existing.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw changedMeanwhile(kind, w.value.slug);
    id = w.existing.id;
    counts.updated++;
  }
  if (w.overwrite) {
    counts.overwritten.push(w.value.slug);
    await trx.deleteFrom('tombstones').where('subject_type', '=', subject).where('slug', '=', w.value.slug).execute();
  }
  ctx.changes.push({
    kind,
    slug: w.value.slug,
    id,
    operation: 'SEED',
    mutation: ctx.mutation,
    keyName: null,
    keyRole: null,
    reason: w.overwrite ? 'the seed files replaced a curated edit (--overwrite-curated)' : null,
    version: w.existing ? w.existing.version + 1 : 1,
    before: w.before,
    after: w.value,
  });
  return id;
}

async function upsertSources(trx: Trx, sources: SeedSource[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of sources) {
    if (ids.has(s.url)) continue;
    const values = sourceRow(s);
    const row = await trx
      .insertInto('sources')
      .values(values)
      .onConflict((oc) =>
        oc.column('url').doUpdateSet({
          title: values.title,
          publisher: values.publisher,
          published_on: values.published_on,
          published_on_precision: values.published_on_precision,
          accessed_on: values.accessed_on,
          accessed_on_precision: values.accessed_on_precision,
          archive_url: values.archive_url,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(s.url, row.id);
  }
  return ids;
}

/** Cites a record's sources, every list of them; `fresh` for a record just inserted, which has nothing to clear. */
async function replaceCitations(
  trx: Trx,
  subject: CitationSubject,
  subjectId: number,
  lists: SourceList[],
  sourceIds: Map<string, number>,
  fresh: boolean,
) {
  if (!fresh) await trx.deleteFrom('citations').where('subject_type', '=', subject).where('subject_id', '=', subjectId).execute();
  const rows = lists.flatMap(({ list, sources }) =>
    sources.map((s, ordinal) => ({ subject_type: subject, subject_id: subjectId, list, source_id: sourceIds.get(s.url)!, ordinal })),
  );
  if (rows.length) await trx.insertInto('citations').values(rows).execute();
}

interface ApplyContext {
  report: SeedReport;
  mutation: string;
  changes: Array<ChangeEntry<RecordKind>>;
  /** Every stored record's id by slug, per kind, kept current as the seed inserts. */
  ids: Record<RecordKind, Map<string, number>>;
}

/** Rules across records that a seed merged with curated records could break (empty when none is): every kind's rules over the whole store. */
async function brokenRules(trx: Trx): Promise<string[]> {
  const all = await readAll(trx);
  const lookup = memoryLookup(all);
  return KINDS.flatMap((def) =>
    (all[def.key] as Array<SeedRecords[RecordKind]>).flatMap((value) =>
      checkAgainst(def.key, value, lookup).map((p) => `${def.noun} "${value.slug}" ${p.message} (at ${pathToString(p.path)})`),
    ),
  );
}

export async function applySeed(store: Store, data: SeedData, options: SeedOptions = {}): Promise<SeedReport> {
  const report = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, tally()])) as SeedReport;
  await store.db.transaction().execute(async (trx) => {
    // As every write of a timeline event does: the rules checked at the end read relations across the whole store.
    await store.adapter.serializeEventWrites(trx);
    const tombstones = await trx.selectFrom('tombstones').select(['subject_type', 'slug']).execute();
    const deleted = new Set(tombstones.map((t) => `${t.subject_type}:${t.slug}`));
    const ctx: ApplyContext = { report, mutation: options.mutation ?? 'seed', changes: [], ids: {} as ApplyContext['ids'] };
    const planned = {} as { [K in RecordKind]: Array<Write<K>> };
    for (const kind of RECORD_KINDS) {
      const { writes, ids } = await plan(
        trx,
        kind,
        data[kind] as Array<{ value: SeedRecords[typeof kind] }>,
        deleted,
        options,
        report[kind],
      );
      (planned as Record<RecordKind, unknown>)[kind] = writes;
      ctx.ids[kind] = ids;
    }
    // Only records the seed writes bring their sources: a kept curated record's citations stay as they are.
    const sourceIds = await upsertSources(
      trx,
      RECORD_KINDS.flatMap((kind) => planned[kind].flatMap((w) => sourceListsOf(kindOf(kind), w.value).flatMap((l) => l.sources))),
    );
    const resolveFor =
      (by: string): Resolve =>
      (kind, slug) => {
        const id = ctx.ids[kind].get(slug);
        if (id !== undefined) return id;
        throw new SeedRefusedError(
          `${by} refers to ${kindOf(kind).table} "${slug}", which was deleted through the API. Restore it through the API, remove the reference from the seed files, or run \`npm run db:seed -- --overwrite-curated\` to bring it back.`,
        );
      };

    // Main rows kind by kind, in the registry's order; then links, child rows and citations,
    // once every record has its row: a kind whose records refer to each other writes its
    // links second, and child rows (event relations) may name records of any kind.
    const written = [];
    for (const def of KINDS) {
      for (const w of planned[def.key] as Array<Write<RecordKind>>) {
        const resolve = resolveFor(`${def.noun} "${w.value.slug}"`);
        const values = await mainValues(def.key, w.value, resolve, !def.links);
        written.push({ def, value: w.value, resolve, fresh: !w.existing, id: await write(trx, def.key, w, values, ctx) });
      }
    }
    for (const { def, value, resolve, fresh, id } of written) {
      if (def.links) {
        const links = await linkValues(def.key, value, resolve);
        if (!fresh || Object.values(links).some((v) => v !== null))
          await dynamic(trx).updateTable(def.table).set(links).where('id', '=', id).execute();
      }
      await writeChildren(trx, def.key, id, value, resolve, fresh);
      await replaceCitations(trx, def.subject, id, sourceListsOf(def, value), sourceIds, fresh);
    }

    // The seed files were checked against each other; kept curated records may disagree with them.
    if (ctx.changes.length) {
      const broken = await brokenRules(trx);
      if (broken.length)
        throw new SeedRefusedError(
          `with the curated records kept, the store would break ${broken.length === 1 ? 'a rule' : 'rules'} the seed files must keep: ${broken.join('; ')}. Run \`npm run seed:export\` and settle the records in git, or fix them through the API.`,
        );
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
