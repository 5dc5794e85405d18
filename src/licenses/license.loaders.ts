import type { Store } from '../db/connect';
import { listLoader, slugLoaders } from '../graphql/batch';
import { findLicensesByIds, findLicensesBySlugs, findRestrictions } from './license.repository';

export function createLicenseLoaders({ db }: Store) {
  const { byId, bySlug } = slugLoaders(
    (ids) => findLicensesByIds(db, ids),
    (slugs) => findLicensesBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    restrictions: listLoader(
      (ids: readonly number[]) => findRestrictions(db, ids),
      (r) => r.license_id,
    ),
  };
}
