import type { Store } from '../db/connect';
import { listLoader, slugLoaders } from '../graphql/batch';
import { findPeopleByIds, findPeopleBySlugs, findRolesByPersonIds } from './person.repository';

export function createPersonLoaders({ db }: Store) {
  const { byId, bySlug } = slugLoaders(
    (ids) => findPeopleByIds(db, ids),
    (slugs) => findPeopleBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    roles: listLoader(
      (ids: readonly number[]) => findRolesByPersonIds(db, ids),
      (r) => r.person_id,
    ),
  };
}
