import { sql, type Kysely } from 'kysely';
import type { CitationSubject } from '../db/database';
import type { SeedSource } from '../seed/seed.fields';
import { sourceKey } from '../sources/source.service';
import { sourceListsOf, type Db, type RecordKind, type Resolve, type SeedRecords, type SourceList, type Trx } from './kind';
import { dateParts, matching } from './read-kit';
import { kindOf, KINDS } from './registry';

/*
 * Writes one record's rows from its seed format: the main row, the child rows (replaced
 * whole) and the citations. Shared by the mutations (which look references up) and the
 * seed (which resolves them from maps it holds); references have been checked by then,
 * so a slug that does not resolve is a bug, not a user's mistake.
 */

// The one untyped boundary: a kind's table is known only at run time here. Each kind's
// `row` and child `rows` are typed against their own tables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dynamic = (trx: Db) => trx as unknown as Kysely<any>;

export async function idOf(trx: Trx, kind: RecordKind, slug: string): Promise<number> {
  const row = await dynamic(trx).selectFrom(kindOf(kind).table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return (row as { id: number }).id;
}

/** Looks references up in the store. */
export const lookupIds =
  (trx: Trx): Resolve =>
  (kind, slug) =>
    idOf(trx, kind, slug);

/** The main row's columns, ready to store. */
export async function mainValues<K extends RecordKind>(kind: K, value: SeedRecords[K], resolve: Resolve, links = true): Promise<object> {
  return kindOf(kind).row(value, resolve, links);
}

/** The columns `row` left null with `links: false`: the references within the kind, written once every row exists. */
export async function linkValues<K extends RecordKind>(kind: K, value: SeedRecords[K], resolve: Resolve): Promise<object> {
  return (await kindOf(kind).links?.(value, resolve)) ?? {};
}

/** Writes a record's child rows; `fresh` for a record just inserted, which has none to clear. */
export async function writeChildren<K extends RecordKind>(
  trx: Trx,
  kind: K,
  id: number,
  value: SeedRecords[K],
  resolve: Resolve,
  fresh: boolean,
): Promise<void> {
  for (const child of kindOf(kind).children) {
    if (!fresh) await matching(dynamic(trx).deleteFrom(child.table).where(child.parent, '=', id), child.match).execute();
    const rows = await child.rows(value, resolve, id);
    if (rows.length) await dynamic(trx).insertInto(child.table).values(rows).execute();
  }
}

/** A source's row, from its seed format. */
export function sourceRow(s: SeedSource) {
  const published = dateParts(s.publishedOn);
  const accessed = dateParts(s.accessedOn);
  return {
    key: sourceKey(s.url),
    url: s.url,
    title: s.title,
    publisher: s.publisher ?? null,
    published_on: published.date,
    published_on_precision: published.precision,
    accessed_on: accessed.date,
    accessed_on_precision: accessed.precision,
    archive_url: s.archiveUrl ?? null,
  };
}

/**
 * Stores a source (one row per URL) and returns its id. Callers have checked that an
 * existing URL's details agree. Two writers adding the same new URL at once both succeed:
 * the second finds the first's row rather than failing on the unique URL.
 */
async function sourceId(trx: Trx, s: SeedSource): Promise<number> {
  const existing = await trx.selectFrom('sources').select('id').where('url', '=', s.url).executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx
    .insertInto('sources')
    .values(sourceRow(s))
    .onConflict((oc) => oc.doNothing()) // on the URL or on its key, whichever the racing insert hits first
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? (await trx.selectFrom('sources').select('id').where('url', '=', s.url).executeTakeFirstOrThrow()).id;
}

/** Replaces a record's citations, every list of them (its own sources and the nested lists). */
async function writeCitations(trx: Trx, subject: CitationSubject, id: number, lists: SourceList[]): Promise<void> {
  await trx.deleteFrom('citations').where('subject_type', '=', subject).where('subject_id', '=', id).execute();
  // New URLs are stored in URL order, so two writers adding the same ones cannot wait on each other in a cycle.
  const ids = new Map<string, number>();
  const all = lists.flatMap((l) => l.sources);
  for (const s of [...all].sort((x, y) => (x.url < y.url ? -1 : x.url > y.url ? 1 : 0)))
    if (!ids.has(s.url)) ids.set(s.url, await sourceId(trx, s));
  const rows = lists.flatMap(({ list, sources }) =>
    sources.map((s, ordinal) => ({ subject_type: subject, subject_id: id, list, source_id: ids.get(s.url)!, ordinal })),
  );
  if (rows.length) await trx.insertInto('citations').values(rows).execute();
}

/** Inserts a new record made through the API; returns its id. */
export async function insertRecord<K extends RecordKind>(trx: Trx, kind: K, value: SeedRecords[K]): Promise<number> {
  const def = kindOf(kind);
  const resolve = lookupIds(trx);
  const row = (await dynamic(trx)
    .insertInto(def.table)
    .values({ ...(await mainValues(kind, value, resolve)), slug: value.slug, origin: 'API', content_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  await writeChildren(trx, kind, row.id, value, resolve, true);
  await writeCitations(trx, def.subject, row.id, sourceListsOf(def, value));
  return row.id;
}

/** Rewrites an existing record (whose version the caller has already claimed). */
export async function rewriteRecord<K extends RecordKind>(trx: Trx, kind: K, id: number, value: SeedRecords[K]): Promise<void> {
  const def = kindOf(kind);
  const resolve = lookupIds(trx);
  await dynamic(trx)
    .updateTable(def.table)
    .set({ ...(await mainValues(kind, value, resolve)), origin: 'API', updated_at: sql`CURRENT_TIMESTAMP` })
    .where('id', '=', id)
    .execute();
  await writeChildren(trx, kind, id, value, resolve, false);
  await writeCitations(trx, def.subject, id, sourceListsOf(def, value));
}

/** Deletes a record, its child rows and its citations, every list (references to it have been checked). */
export async function deleteRecord(trx: Trx, kind: RecordKind, id: number): Promise<void> {
  const def = kindOf(kind);
  await trx.deleteFrom('citations').where('subject_type', '=', def.subject).where('subject_id', '=', id).execute();
  for (const child of def.children)
    await matching(dynamic(trx).deleteFrom(child.table).where(child.parent, '=', id), child.match).execute();
  await dynamic(trx).deleteFrom(def.table).where('id', '=', id).execute();
}

/**
 * The records that refer to one record, by the label of the reference ("releases (as
 * predecessor)"), with their ids and slugs: what keeps it from being deleted, and whose
 * search text may carry its name.
 */
export async function referrersOf(
  trx: Db,
  kind: RecordKind,
  id: number,
  options: { searchTextOnly?: boolean } = {},
): Promise<Array<{ kind: RecordKind; label: string; records: Array<{ id: number; slug: string }> }>> {
  const db = dynamic(trx);
  const found = new Map<string, { kind: RecordKind; label: string; records: Map<number, string> }>();
  for (const def of KINDS) {
    for (const ref of def.references) {
      if (ref.target !== kind || (options.searchTextOnly && !ref.inSearchText)) continue;
      const { column, child } = ref.stored;
      const rows = (
        child
          ? await matching(
              db
                .selectFrom(`${child.table} as c`)
                .innerJoin(`${def.table} as m`, 'm.id', `c.${child.parent}`)
                .select(['m.id', 'm.slug'])
                .where(`c.${column}`, '=', id),
              child.match,
              'c.',
            ).execute()
          : await db.selectFrom(def.table).select(['id', 'slug']).where(column, '=', id).execute()
      ) as Array<{ id: number; slug: string }>;
      const key = `${def.key}:${ref.label}`;
      const entry = found.get(key) ?? found.set(key, { kind: def.key, label: ref.label, records: new Map() }).get(key)!;
      for (const r of rows) entry.records.set(r.id, r.slug);
    }
  }
  return [...found.values()]
    .filter((e) => e.records.size > 0)
    .map((e) => ({
      kind: e.kind,
      label: e.label,
      records: [...e.records].map(([rid, slug]) => ({ id: rid, slug })).sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0)),
    }));
}
