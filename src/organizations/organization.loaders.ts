import type { Store } from '../db/connect';
import { perParentLoader, slugLoaders } from '../graphql/batch';
import type { PageRequest } from '../db/paging';
import { countMembers, findMembersPages, findOrganizationsByIds, findOrganizationsBySlugs } from './organization.repository';

export function createOrganizationLoaders({ db }: Store) {
  const { byId, bySlug } = slugLoaders(
    (ids) => findOrganizationsByIds(db, ids),
    (slugs) => findOrganizationsBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    memberPages: perParentLoader(
      (ids, request: PageRequest) => findMembersPages(db, ids, request),
      () => [],
    ),
    memberCounts: perParentLoader(
      (ids) => countMembers(db, ids),
      () => 0,
    ),
  };
}
