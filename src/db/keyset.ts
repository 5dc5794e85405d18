import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { KeyValues, PageRequest } from './paging';
import type { Database } from './database';

/*
 * Keyset pagination shared by every connection: bounds are row-value comparisons on the
 * sort key, rows are fetched `limit + 1` at a time, never with OFFSET. Nested connections
 * (an organization's releases for many organizations at once) run as one statement with
 * `row_number() over (partition by parent ...)`, which both SQLite and PostgreSQL support.
 */

export interface SortKey {
  /** Qualified column references, most significant first; all text columns. */
  columns: readonly string[];
  descending: boolean;
  /**
   * A part of the cursor's key that this query holds constant, left out of `columns`: one
   * branch of a merged order, such as the timeline's (date, type, slug) where each branch
   * is one type. `at` is its place in the key (after at least one column).
   */
  fixed?: { at: number; value: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelect = SelectQueryBuilder<any, any, any>;

export function compareKey(columns: readonly string[], op: '<' | '>' | '<=' | '>=', values: KeyValues): Expression<SqlBool> {
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  const vals = sql.join(values.map((v) => sql.val(v)));
  return sql<SqlBool>`(${refs}) ${sql.raw(op)} (${vals})`;
}

/**
 * `(key) op bound` for a key with a fixed part, restated on the query's own columns so it
 * stays a range on their index: where the fixed part equals the bound's, the rest of the
 * key decides; elsewhere the columns before it do, inclusively when the fixed part already
 * lies beyond the bound on `op`'s side.
 */
function boundWithFixedPart(key: SortKey, { at, value }: { at: number; value: string }, op: '<' | '>', bound: KeyValues) {
  if (value === bound[at]) return compareKey(key.columns, op, [...bound.slice(0, at), ...bound.slice(at + 1)]);
  const inclusive = value > bound[at] === (op === '>');
  return compareKey(key.columns.slice(0, at), inclusive ? `${op}=` : op, bound.slice(0, at));
}

function bound(key: SortKey, op: '<' | '>', values: KeyValues): Expression<SqlBool> {
  return key.fixed ? boundWithFixedPart(key, key.fixed, op, values) : compareKey(key.columns, op, values);
}

/** The cursor bounds of a request as conditions on `key`. */
export function boundsOf(key: SortKey, request: PageRequest): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (request.after) conditions.push(bound(key, key.descending ? '<' : '>', request.after));
  if (request.before) conditions.push(bound(key, key.descending ? '>' : '<', request.before));
  return conditions;
}

/** Fetch order: the sort order, reversed when the page is taken from the end. */
export function fetchDescending(key: SortKey, request: PageRequest): boolean {
  return key.descending !== request.fromEnd;
}

/** One page of `query` (already filtered): bounds, order, `limit + 1`. */
export function pageQuery<Q extends AnySelect>(query: Q, key: SortKey, request: PageRequest): Q {
  let q: AnySelect = query;
  for (const condition of boundsOf(key, request)) q = q.where(condition);
  const direction = fetchDescending(key, request) ? 'desc' : 'asc';
  for (const column of key.columns) q = q.orderBy(sql.ref(column), direction);
  return q.limit(request.limit + 1) as Q;
}

/**
 * One page per parent in one statement. `query` must already restrict `parentColumn` to
 * the parents wanted and carry any bounds; rows come back grouped by parent, in fetch
 * order (`columns`, descending or not), at most `limit` per parent.
 */
export async function rankedByParent<Row>(
  db: Kysely<Database>,
  query: AnySelect,
  parentColumn: string,
  columns: readonly string[],
  descending: boolean,
  limit: number,
): Promise<Map<number, Row[]>> {
  const direction = sql.raw(descending ? 'desc' : 'asc');
  const order = sql.join(columns.map((c) => sql`${sql.ref(c)} ${direction}`));
  const ranked = query.select([
    sql<number>`${sql.ref(parentColumn)}`.as('parent_key'),
    sql<number>`row_number() over (partition by ${sql.ref(parentColumn)} order by ${order})`.as('page_rank'),
  ]);
  const rows = (await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('ranked.page_rank', '<=', limit)
    .orderBy('ranked.parent_key')
    .orderBy('ranked.page_rank')
    .execute()) as Array<Row & { parent_key: number }>;
  const byParent = new Map<number, Row[]>();
  for (const row of rows) {
    const parent = Number(row.parent_key);
    const list = byParent.get(parent) ?? [];
    list.push(row);
    byParent.set(parent, list);
  }
  return byParent;
}

/** `pageQuery` for many parents at once. */
export function pagesByParent<Row>(
  db: Kysely<Database>,
  query: AnySelect,
  parentColumn: string,
  key: SortKey,
  request: PageRequest,
): Promise<Map<number, Row[]>> {
  let q = query;
  for (const condition of boundsOf(key, request)) q = q.where(condition);
  return rankedByParent<Row>(db, q, parentColumn, key.columns, fetchDescending(key, request), request.limit + 1);
}

/** `count(*)` per parent, for nested `totalCount`. */
export async function countsByParent(query: AnySelect, parentColumn: string): Promise<Map<number, number>> {
  const rows = await query
    .select([sql<number>`${sql.ref(parentColumn)}`.as('parent_key'), sql<number>`count(*)`.as('n')])
    .groupBy(sql.ref(parentColumn))
    .execute();
  return new Map(rows.map((r) => [Number(r.parent_key), Number(r.n)]));
}

/** A SQL comment naming the caller, so slow-query logs say who ran it. */
export const tag = (operation: string) => sql.raw(`/* ${operation.replace(/[^\w.-]/g, '')} */`);
