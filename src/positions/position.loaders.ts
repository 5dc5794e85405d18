import type DataLoader from 'dataloader';
import type { Store } from '../db/connect';
import type { PolicyPositionRow } from '../db/database';
import { listLoader, perParentLoader, rowLoader } from '../graphql/batch';
import type { PageRequest } from '../graphql/relay/paging';
import {
  countPositionsByParent,
  findArguments,
  findPositionPagesByParent,
  findPositionsByIds,
  findPositionsBySlugs,
  positionKey,
  type PositionCriteria,
  type PositionParent,
} from './position.repository';

export interface PositionPageParams {
  parent: PositionParent;
  criteria: PositionCriteria;
  descending: boolean;
  request: PageRequest;
}

export function createPositionLoaders({ db }: Store) {
  const byId: DataLoader<number, PolicyPositionRow | null> = rowLoader((ids) => findPositionsByIds(db, ids), (r) => r.id);
  const bySlug: DataLoader<string, PolicyPositionRow | null> = rowLoader(async (slugs) => {
    const rows = await findPositionsBySlugs(db, slugs);
    for (const row of rows) byId.prime(row.id, row);
    return rows;
  }, (r) => r.slug);
  return {
    byId,
    bySlug,
    arguments: listLoader((ids: readonly number[]) => findArguments(db, ids), (r) => r.position_id),
    pages: perParentLoader(
      (ids, p: PositionPageParams) => findPositionPagesByParent(db, p.parent, ids, p.criteria, positionKey(p.descending), p.request),
      (): PolicyPositionRow[] => [],
    ),
    counts: perParentLoader(
      (ids, p: { parent: PositionParent; criteria: PositionCriteria }) => countPositionsByParent(db, p.parent, ids, p.criteria),
      () => 0,
    ),
  };
}
