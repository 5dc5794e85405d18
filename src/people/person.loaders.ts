import type DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { PersonRow } from '../db/database';
import { listLoader, rowLoader } from '../graphql/batch';
import { findPeopleByIds, findPeopleBySlugs, findRolesByPersonIds } from './person.repository';

export function createPersonLoaders({ db }: Store) {
  const byId: DataLoader<number, PersonRow | null> = rowLoader((ids) => findPeopleByIds(db, ids), (r) => r.id);
  const bySlug: DataLoader<string, PersonRow | null> = rowLoader(async (slugs) => {
    const rows = await findPeopleBySlugs(db, slugs);
    for (const row of rows) byId.prime(row.id, row);
    return rows;
  }, (r) => r.slug);
  return {
    byId,
    bySlug,
    roles: listLoader((ids: readonly number[]) => findRolesByPersonIds(db, ids), (r) => r.person_id),
  };
}
