import { sql, type Kysely } from 'kysely';
import type { ChangeOperation, ChangeRow, CitationSubject, Database } from '../db/database';

/* Reading the change history: newest first, keyset-paged on the change id. */

export interface ChangeCriteria {
  subjectTypes?: readonly CitationSubject[] | null;
  operations?: readonly ChangeOperation[] | null;
  actors?: readonly string[] | null;
}

function restrict<Q extends { where: (...args: any[]) => Q }>(query: Q, criteria: ChangeCriteria): Q {
  let q = query;
  if (criteria.subjectTypes?.length) q = q.where('subject_type', 'in', criteria.subjectTypes);
  if (criteria.operations?.length) q = q.where('operation', 'in', criteria.operations);
  if (criteria.actors?.length) q = q.where('key_name', 'in', criteria.actors);
  return q;
}

/** One page of the whole log: `limit` rows with ids below `before` (newest first). */
export function findChangesPage(
  db: Kysely<Database>,
  criteria: ChangeCriteria,
  beforeId: number | null,
  limit: number,
): Promise<ChangeRow[]> {
  let q = restrict(db.selectFrom('changes').selectAll(), criteria);
  if (beforeId !== null) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function countChanges(db: Kysely<Database>, criteria: ChangeCriteria): Promise<number> {
  const row = await restrict(db.selectFrom('changes').select(sql<number>`count(*)`.as('n')), criteria).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A page of history for each of several records of one type, in one statement. Records
 * are named by row id: a record that took the slug of a deleted one has none of its history.
 */
export async function findHistoryPages(
  db: Kysely<Database>,
  subjectType: CitationSubject,
  ids: readonly number[],
  beforeId: number | null,
  limit: number,
): Promise<Map<number, ChangeRow[]>> {
  let inner = db
    .selectFrom('changes')
    .selectAll()
    .select(sql<number>`row_number() over (partition by subject_id order by id desc)`.as('page_rank'))
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', ids);
  if (beforeId !== null) inner = inner.where('id', '<', beforeId);
  const rows = await db
    .selectFrom(inner.as('ranked'))
    .selectAll()
    .where('ranked.page_rank', '<=', limit)
    .orderBy('ranked.subject_id')
    .orderBy('ranked.id', 'desc')
    .execute();
  const byId = new Map<number, ChangeRow[]>();
  for (const row of rows) {
    const id = Number(row.subject_id);
    byId.set(id, [...(byId.get(id) ?? []), row as ChangeRow]);
  }
  return byId;
}

export async function countHistories(
  db: Kysely<Database>,
  subjectType: CitationSubject,
  ids: readonly number[],
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('changes')
    .select(['subject_id', sql<number>`count(*)`.as('n')])
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', ids)
    .groupBy('subject_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.subject_id), Number(r.n)]));
}

/** Changes by id, in one statement (for `node(id:)` / `nodes(ids:)`). */
export function findChangesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ChangeRow[]> {
  return db.selectFrom('changes').selectAll().where('id', 'in', ids).execute();
}
