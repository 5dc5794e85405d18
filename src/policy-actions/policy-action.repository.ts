import type { Kysely } from 'kysely';
import type { Database, PolicyActionMilestoneRow, PolicyActionRow } from '../db/database';
import type { PolicyActionKind, PolicyActionStatus } from '../domain/vocabulary';
import { pageQuery, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

/** What a list of policy actions can be narrowed by; references already resolved to ids. */
export interface PolicyActionCriteria {
  jurisdictions?: readonly string[] | null;
  kinds?: readonly PolicyActionKind[] | null;
  statuses?: readonly PolicyActionStatus[] | null;
  organizationIds?: readonly number[] | null;
  from?: string | null;
  to?: string | null;
}

export const policyActionKey: SortKey = { columns: ['a.date', 'a.slug'], descending: false };

/** Policy actions matching `c`, as `a`. */
export function filteredPolicyActions(db: Kysely<Database>, c: PolicyActionCriteria) {
  let q = db.selectFrom('policy_actions as a');
  if (c.jurisdictions) q = q.where('a.jurisdiction', 'in', c.jurisdictions.length ? c.jurisdictions : ['']);
  if (c.kinds) q = q.where('a.kind', 'in', c.kinds.length ? c.kinds : ['' as PolicyActionKind]);
  if (c.statuses) q = q.where('a.status', 'in', c.statuses.length ? c.statuses : ['' as PolicyActionStatus]);
  if (c.organizationIds) q = q.where('a.organization_id', 'in', c.organizationIds.length ? c.organizationIds : [-1]);
  if (c.from) q = q.where('a.date', '>=', c.from);
  if (c.to) q = q.where('a.date', '<=', c.to);
  return q;
}

export function findPolicyActionsPage(db: Kysely<Database>, c: PolicyActionCriteria, request: PageRequest): Promise<PolicyActionRow[]> {
  return pageQuery(filteredPolicyActions(db, c).selectAll('a'), policyActionKey, request).modifyEnd(tag('policyActionsPage')).execute();
}

export async function countPolicyActions(db: Kysely<Database>, c: PolicyActionCriteria): Promise<number> {
  const row = await filteredPolicyActions(db, c)
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countPolicyActions'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findPolicyActionsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PolicyActionRow[]> {
  return db.selectFrom('policy_actions').selectAll().where('id', 'in', ids).modifyEnd(tag('policyActionsByIds')).execute();
}

export function findPolicyActionsBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<PolicyActionRow[]> {
  return db.selectFrom('policy_actions').selectAll().where('slug', 'in', slugs).modifyEnd(tag('policyActionsBySlugs')).execute();
}

/** The organizations that signed each action, in curated order. */
export function findSignatories(db: Kysely<Database>, actionIds: readonly number[]) {
  return db
    .selectFrom('policy_action_signatories as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .selectAll('o')
    .select('s.action_id as signed')
    .where('s.action_id', 'in', actionIds)
    .orderBy('s.action_id')
    .orderBy('s.ordinal')
    .modifyEnd(tag('policyActionSignatories'))
    .execute();
}

export function findMilestones(db: Kysely<Database>, actionIds: readonly number[]): Promise<PolicyActionMilestoneRow[]> {
  return db
    .selectFrom('policy_action_milestones')
    .selectAll()
    .where('action_id', 'in', actionIds)
    .orderBy('action_id')
    .orderBy('ordinal')
    .modifyEnd(tag('policyActionMilestones'))
    .execute();
}
