import type { ReleaseRow } from '../db/database';
import type { Store } from '../db/connect';
import { listLoader, perParentLoader, slugLoaders } from '../graphql/batch';
import type { PageRequest } from '../db/paging';
import {
  countReleasesByParent,
  findComparisons,
  findModalities,
  findReleasePagesByParent,
  findReleasesByIds,
  findReleasesBySlugs,
  findVariants,
  releaseKey,
  type ReleaseCriteria,
  type ReleaseParent,
} from './release.repository';

export interface ReleasePageParams {
  parent: ReleaseParent;
  criteria: ReleaseCriteria;
  descending: boolean;
  request: PageRequest;
}

export function createReleaseLoaders({ db }: Store) {
  const { byId, bySlug } = slugLoaders(
    (ids) => findReleasesByIds(db, ids),
    (slugs) => findReleasesBySlugs(db, slugs),
  );
  return {
    byId,
    bySlug,
    variants: listLoader(
      (ids: readonly number[]) => findVariants(db, ids),
      (r) => r.release_id,
    ),
    modalities: listLoader(
      (ids: readonly number[]) => findModalities(db, ids),
      (r) => r.release_id,
    ),
    comparedWith: listLoader(
      (ids: readonly number[]) => findComparisons(db, ids),
      (r) => r.compared_from,
    ),
    pages: perParentLoader(
      (ids, p: ReleasePageParams) => findReleasePagesByParent(db, p.parent, ids, p.criteria, releaseKey(p.descending), p.request),
      (): ReleaseRow[] => [],
    ),
    counts: perParentLoader(
      (ids, p: { parent: ReleaseParent; criteria: ReleaseCriteria }) => countReleasesByParent(db, p.parent, ids, p.criteria),
      () => 0,
    ),
  };
}
