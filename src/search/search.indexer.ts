import type { Kysely } from 'kysely';
import type { Database, SearchDocumentTable } from '../db/database';
import { groupBy } from '../db/rows';
import type { RecordKind } from '../records/kind';
import { KINDS } from '../records/registry';
import { referrersOf } from '../records/write';

/*
 * What is searchable: one document per record of every kind that has search text (its
 * title and a body of the text around it: summary, quote, names of related records).
 * Rebuilt inside the transaction that changed the data, so it is never stale.
 */

type Doc = SearchDocumentTable;
const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' — ');

/** Which records' documents to (re)build, by kind and id; all of them when no scope is given. */
export type SearchScope = Partial<Record<RecordKind, number[]>>;

async function documents(db: Kysely<Database>, scope?: SearchScope): Promise<Doc[]> {
  const perKind = await Promise.all(
    KINDS.map(async (def) => {
      const ids = scope ? (scope[def.key] ?? []) : undefined;
      // Within a scope, an empty id list means none of that kind: skip its queries.
      if (!def.search || (ids && ids.length === 0)) return [];
      return (await def.search(db, ids)).map((t) => ({ kind: def.subject, slug: t.slug, title: t.title, body: join(...t.parts) }));
    }),
  );
  return perKind.flat();
}

async function insertDocuments(db: Kysely<Database>, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200)
    await db
      .insertInto('search_documents')
      .values(docs.slice(i, i + 200))
      .execute();
}

export async function rebuildSearchIndex(db: Kysely<Database>): Promise<number> {
  const docs = await documents(db);
  await db.deleteFrom('search_documents').execute();
  await insertDocuments(db, docs);
  return docs.length;
}

export async function searchIndexIsEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('search_documents').select('slug').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Rebuilds the documents of the records in `scope` and drops those of deleted records:
 * what one curation write needs, instead of a whole rebuild.
 */
export async function refreshSearchDocuments(
  db: Kysely<Database>,
  scope: SearchScope,
  removed: ReadonlyArray<{ kind: string; slug: string }> = [],
): Promise<number> {
  const docs = await documents(db, scope);
  // One statement per kind and chunk: SQLite's FTS table has no index on (kind, slug), so each statement is a scan.
  for (const [kind, slugs] of groupBy([...removed, ...docs], (d) => d.kind)) {
    for (let i = 0; i < slugs.length; i += 500) {
      await db
        .deleteFrom('search_documents')
        .where('kind', '=', kind)
        .where(
          'slug',
          'in',
          slugs.slice(i, i + 500).map((d) => d.slug),
        )
        .execute();
    }
  }
  await insertDocuments(db, docs);
  return docs.length;
}

/** The records whose documents mention a record: itself, and those whose text carries its name. */
export async function searchScopeOf(db: Kysely<Database>, kind: RecordKind, id: number): Promise<SearchScope> {
  const scope: SearchScope = { [kind]: [id] };
  for (const { kind: referrer, records } of await referrersOf(db, kind, id, { searchTextOnly: true })) {
    scope[referrer] = [...new Set([...(scope[referrer] ?? []), ...records.map((r) => r.id)])];
  }
  return scope;
}
