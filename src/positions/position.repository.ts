import type { Kysely } from 'kysely';
import type { Database, PolicyPositionRow } from '../db/database';
import type { PolicyTopic, Stance } from '../domain/vocabulary';
import { countsByParent, pageQuery, pagesByParent, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

export interface PositionCriteria {
  organizationIds?: readonly number[] | null;
  personIds?: readonly number[] | null;
  topics?: readonly PolicyTopic[] | null;
  stances?: readonly Stance[] | null;
  from?: string | null;
  to?: string | null;
}

export type PositionParent = 'organization_id' | 'actor_person_id';

export const positionKey = (descending: boolean): SortKey => ({ columns: ['p.date', 'p.slug'], descending });

export function filteredPositions(db: Kysely<Database>, c: PositionCriteria) {
  let q = db.selectFrom('policy_positions as p');
  if (c.organizationIds) q = q.where('p.organization_id', 'in', c.organizationIds);
  if (c.personIds) q = q.where('p.actor_person_id', 'in', c.personIds);
  if (c.topics) q = q.where('p.topic', 'in', c.topics);
  if (c.stances) q = q.where('p.stance', 'in', c.stances);
  if (c.from) q = q.where('p.date', '>=', c.from);
  if (c.to) q = q.where('p.date', '<=', c.to);
  return q;
}

export function findPositionsPage(
  db: Kysely<Database>,
  c: PositionCriteria,
  key: SortKey,
  request: PageRequest,
): Promise<PolicyPositionRow[]> {
  return pageQuery(filteredPositions(db, c).selectAll('p'), key, request).modifyEnd(tag('positionsPage')).execute();
}

export async function countPositions(db: Kysely<Database>, c: PositionCriteria): Promise<number> {
  const row = await filteredPositions(db, c)
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countPositions'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findPositionPagesByParent(
  db: Kysely<Database>,
  parent: PositionParent,
  parentIds: number[],
  c: PositionCriteria,
  key: SortKey,
  request: PageRequest,
) {
  const q = filteredPositions(db, c).where(`p.${parent}`, 'in', parentIds).selectAll('p').modifyEnd(tag('positionPagesByParent'));
  return pagesByParent<PolicyPositionRow>(db, q, `p.${parent}`, key, request);
}

export function countPositionsByParent(db: Kysely<Database>, parent: PositionParent, parentIds: number[], c: PositionCriteria) {
  return countsByParent(
    filteredPositions(db, c).where(`p.${parent}`, 'in', parentIds).modifyEnd(tag('countPositionsByParent')),
    `p.${parent}`,
  );
}

export function findPositionsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PolicyPositionRow[]> {
  return db.selectFrom('policy_positions').selectAll().where('id', 'in', ids).modifyEnd(tag('positionsByIds')).execute();
}

export function findPositionsBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<PolicyPositionRow[]> {
  return db.selectFrom('policy_positions').selectAll().where('slug', 'in', slugs).modifyEnd(tag('positionsBySlugs')).execute();
}

export function findArguments(db: Kysely<Database>, positionIds: readonly number[]) {
  return db
    .selectFrom('position_arguments')
    .selectAll()
    .where('position_id', 'in', positionIds)
    .orderBy('position_id')
    .orderBy('ordinal')
    .modifyEnd(tag('arguments'))
    .execute();
}
