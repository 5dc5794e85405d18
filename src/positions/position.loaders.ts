import type { PolicyPositionRow } from '../db/database';
import type { Store } from '../db/connect';
import { listLoader, perParentLoader, slugLoaders } from '../graphql/batch';
import type { PageRequest } from '../db/paging';
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
  const { byId, bySlug } = slugLoaders(
    (ids) => findPositionsByIds(db, ids),
    (slugs) => findPositionsBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    arguments: listLoader(
      (ids: readonly number[]) => findArguments(db, ids),
      (r) => r.position_id,
    ),
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
