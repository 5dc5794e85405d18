import DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { OrganizationRow } from '../db/database';
import { perParentLoader, rowLoader } from '../graphql/batch';
import type { PageRequest } from '../graphql/relay/paging';
import { countMembers, findMembersPages, findOrganizationsByIds, findOrganizationsBySlugs } from './organization.repository';

export function createOrganizationLoaders({ db }: Store) {
  const byId: DataLoader<number, OrganizationRow | null> = rowLoader((ids) => findOrganizationsByIds(db, ids), (r) => r.id);
  const bySlug: DataLoader<string, OrganizationRow | null> = rowLoader(async (slugs) => {
    const rows = await findOrganizationsBySlugs(db, slugs);
    // A record found by slug is also known by id: later lookups by id cost nothing.
    for (const row of rows) byId.prime(row.id, row);
    return rows;
  }, (r) => r.slug);
  return {
    byId,
    bySlug,
    memberPages: perParentLoader((ids, request: PageRequest) => findMembersPages(db, ids, request), () => []),
    memberCounts: perParentLoader((ids) => countMembers(db, ids), () => 0),
  };
}
