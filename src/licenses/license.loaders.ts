import type DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { LicenseRow } from '../db/database';
import { listLoader, rowLoader } from '../graphql/batch';
import { findLicensesByIds, findLicensesBySlugs, findRestrictions } from './license.repository';

export function createLicenseLoaders({ db }: Store) {
  const byId: DataLoader<number, LicenseRow | null> = rowLoader((ids) => findLicensesByIds(db, ids), (r) => r.id);
  const bySlug: DataLoader<string, LicenseRow | null> = rowLoader(async (slugs) => {
    const rows = await findLicensesBySlugs(db, slugs);
    for (const row of rows) byId.prime(row.id, row);
    return rows;
  }, (r) => r.slug);
  return {
    byId,
    bySlug,
    restrictions: listLoader((ids: readonly number[]) => findRestrictions(db, ids), (r) => r.license_id),
  };
}
