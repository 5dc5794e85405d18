import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../db/adapter';
import type { Database } from '../db/database';
import { tag } from '../db/keyset';
import type { PageRequest } from '../db/paging';
import { searchDialect, type SearchRow } from './search.dialect';
import type { ParsedQuery } from './search.query';

/** Best first: score descending, then kind and slug so equal scores page stably. */
export async function findSearchPage(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  query: ParsedQuery,
  request: PageRequest,
): Promise<SearchRow[]> {
  let q = db.selectFrom(searchDialect(adapter).ranked(db, query).as('m')).selectAll();
  if (request.after) {
    const [score, kind, slug] = request.after;
    q = q.where(sql<boolean>`(m.score < ${Number(score)} or (m.score = ${Number(score)} and (m.kind, m.slug) > (${kind}, ${slug})))`);
  }
  const rows = await q
    .orderBy('m.score', 'desc')
    .orderBy('m.kind')
    .orderBy('m.slug')
    .limit(request.limit + 1)
    .modifyEnd(tag('search'))
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

export async function countSearch(db: Kysely<Database>, adapter: DialectAdapter, query: ParsedQuery): Promise<number> {
  const row = await db
    .selectFrom(searchDialect(adapter).ranked(db, query).as('m'))
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countSearch'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
