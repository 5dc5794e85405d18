import type { Kysely } from 'kysely';
import type { Database, ReleaseRow, VariantRow } from '../db/database';
import type { AccessLevel, ArtifactType } from '../domain/vocabulary';
import { countsByParent, pageQuery, pagesByParent, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

/** What a release list can be narrowed by; references already resolved to ids. */
export interface ReleaseCriteria {
  organizationIds?: readonly number[] | null;
  accessLevels?: readonly AccessLevel[] | null;
  artifactTypes?: readonly ArtifactType[] | null;
  families?: readonly string[] | null;
  openOnly?: boolean | null;
  from?: string | null;
  to?: string | null;
}

export type ReleaseParent = 'organization_id' | 'license_id';

export const releaseKey = (descending: boolean): SortKey => ({ columns: ['r.date', 'r.slug'], descending });

/** Releases matching `c`, as `r`; shared by pages, counts and the timeline. */
export function filteredReleases(db: Kysely<Database>, c: ReleaseCriteria) {
  let q = db.selectFrom('releases as r');
  if (c.organizationIds) q = q.where('r.organization_id', 'in', c.organizationIds);
  if (c.accessLevels) q = q.where('r.access_level', 'in', c.accessLevels);
  if (c.artifactTypes) q = q.where('r.artifact_type', 'in', c.artifactTypes);
  if (c.families) q = q.where('r.family', 'in', c.families);
  if (c.openOnly) q = q.where('r.is_open', '=', true);
  if (c.from) q = q.where('r.date', '>=', c.from);
  if (c.to) q = q.where('r.date', '<=', c.to);
  return q;
}

export function findReleasesPage(db: Kysely<Database>, c: ReleaseCriteria, key: SortKey, request: PageRequest): Promise<ReleaseRow[]> {
  return pageQuery(filteredReleases(db, c).selectAll('r'), key, request).modifyEnd(tag('releasesPage')).execute();
}

export async function countReleases(db: Kysely<Database>, c: ReleaseCriteria): Promise<number> {
  const row = await filteredReleases(db, c)
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countReleases'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findReleasePagesByParent(
  db: Kysely<Database>,
  parent: ReleaseParent,
  parentIds: number[],
  c: ReleaseCriteria,
  key: SortKey,
  request: PageRequest,
): Promise<Map<number, ReleaseRow[]>> {
  const q = filteredReleases(db, c).where(`r.${parent}`, 'in', parentIds).selectAll('r').modifyEnd(tag('releasePagesByParent'));
  return pagesByParent<ReleaseRow>(db, q, `r.${parent}`, key, request);
}

export function countReleasesByParent(db: Kysely<Database>, parent: ReleaseParent, parentIds: number[], c: ReleaseCriteria) {
  return countsByParent(
    filteredReleases(db, c).where(`r.${parent}`, 'in', parentIds).modifyEnd(tag('countReleasesByParent')),
    `r.${parent}`,
  );
}

export function findReleasesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ReleaseRow[]> {
  return db.selectFrom('releases').selectAll().where('id', 'in', ids).modifyEnd(tag('releasesByIds')).execute();
}

export function findReleasesBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<ReleaseRow[]> {
  return db.selectFrom('releases').selectAll().where('slug', 'in', slugs).modifyEnd(tag('releasesBySlugs')).execute();
}

export function findVariants(db: Kysely<Database>, releaseIds: readonly number[]): Promise<VariantRow[]> {
  return db
    .selectFrom('release_variants')
    .selectAll()
    .where('release_id', 'in', releaseIds)
    .orderBy('release_id')
    .orderBy('ordinal')
    .modifyEnd(tag('variants'))
    .execute();
}

export function findModalities(db: Kysely<Database>, releaseIds: readonly number[]) {
  return db
    .selectFrom('release_modalities')
    .selectAll()
    .where('release_id', 'in', releaseIds)
    .orderBy('release_id')
    .orderBy('ordinal')
    .modifyEnd(tag('modalities'))
    .execute();
}

/** The releases each release was compared with at launch, in curated order. */
export function findComparisons(db: Kysely<Database>, releaseIds: readonly number[]) {
  return db
    .selectFrom('release_comparisons as c')
    .innerJoin('releases as r', 'r.id', 'c.compared_release_id')
    .selectAll('r')
    .select('c.release_id as compared_from')
    .where('c.release_id', 'in', releaseIds)
    .orderBy('c.release_id')
    .orderBy('c.ordinal')
    .modifyEnd(tag('comparisons'))
    .execute();
}
