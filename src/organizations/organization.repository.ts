import type { Kysely } from 'kysely';
import type { Database, OrganizationRow, PersonRow } from '../db/database';
import { countsByParent, pageQuery, pagesByParent, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

export const ORGANIZATION_KEY: SortKey = { columns: ['slug'], descending: false };

export function findOrganizationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<OrganizationRow[]> {
  return db.selectFrom('organizations').selectAll().where('id', 'in', ids).modifyEnd(tag('organizationsByIds')).execute();
}

export function findOrganizationsBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<OrganizationRow[]> {
  return db.selectFrom('organizations').selectAll().where('slug', 'in', slugs).modifyEnd(tag('organizationsBySlugs')).execute();
}

export function findOrganizationsPage(db: Kysely<Database>, request: PageRequest): Promise<OrganizationRow[]> {
  return pageQuery(db.selectFrom('organizations').selectAll(), ORGANIZATION_KEY, request).modifyEnd(tag('organizationsPage')).execute();
}

export async function countOrganizations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countOrganizations'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** People with a role at the organization, a page per organization. */
const MEMBER_KEY: SortKey = { columns: ['p.slug'], descending: false };

function members(db: Kysely<Database>, organizationIds: number[]) {
  const memberships = db
    .selectFrom('roles')
    .select(['person_id', 'organization_id'])
    .distinct()
    .where('organization_id', 'in', organizationIds);
  return db.selectFrom('people as p').innerJoin(memberships.as('m'), 'm.person_id', 'p.id');
}

export function findMembersPages(db: Kysely<Database>, organizationIds: number[], request: PageRequest): Promise<Map<number, PersonRow[]>> {
  return pagesByParent<PersonRow>(
    db,
    members(db, organizationIds).selectAll('p').modifyEnd(tag('membersPages')),
    'm.organization_id',
    MEMBER_KEY,
    request,
  );
}

export function countMembers(db: Kysely<Database>, organizationIds: number[]): Promise<Map<number, number>> {
  return countsByParent(members(db, organizationIds).modifyEnd(tag('countMembers')), 'm.organization_id');
}
