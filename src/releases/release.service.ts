import type { ReleaseRow } from '../db/database';
import type { Modality } from '../domain/vocabulary';
import type { Context } from '../app/context';
import { checkDateRange } from '../graphql/date-range';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { organizationIdsForSlugs } from '../organizations/organization.service';
import type { ReleaseFilter, ReleaseOrder } from './release.inputs';
import { countReleases, findReleasesPage, releaseKey, type ReleaseCriteria, type ReleaseParent } from './release.repository';
import { eventFields } from '../timeline/timeline-event.type';
import { presentOpenness } from './release.openness';
import { ModelVariant, Openness, Release, ReleaseConnection } from './release.type';

export function toRelease(row: ReleaseRow): Release {
  return Object.assign(new Release(), {
    ...eventFields('RELEASE', row),
    licenseId: row.license_id,
    predecessorId: row.predecessor_id,
    name: row.name,
    artifactType: row.artifact_type,
    family: row.family,
    accessLevel: row.access_level,
    isOpen: row.is_open,
    openness: toOpenness(row),
  });
}

function toOpenness(row: ReleaseRow): Openness | null {
  const components = presentOpenness(row);
  return (
    components &&
    Object.assign(new Openness(), { ...components, releaseId: row.id, meetsOsaid: row.openness_meets_osaid, note: row.openness_note })
  );
}

export async function releaseBySlug(ctx: Context, slug: string): Promise<Release | null> {
  const row = await ctx.loaders.releases.bySlug.load(slug);
  return row && toRelease(row);
}

export async function releaseById(ctx: Context, id: number | null): Promise<Release | null> {
  const row = id === null ? null : await ctx.loaders.releases.byId.load(id);
  return row && toRelease(row);
}

/** Validates a filter and resolves its slugs. */
export async function releaseCriteria(
  ctx: Context,
  filter: ReleaseFilter | null | undefined,
  argument = 'filter',
): Promise<ReleaseCriteria> {
  checkDateRange(filter, argument);
  return {
    organizationIds: await organizationIdsForSlugs(ctx, filter?.organizations, `${argument}.organizations`),
    accessLevels: filter?.accessLevels ?? null,
    artifactTypes: filter?.artifactTypes ?? null,
    families: filter?.families ?? null,
    openOnly: filter?.openOnly ?? null,
    from: filter?.from ?? null,
    to: filter?.to ?? null,
  };
}

export async function listReleases(
  ctx: Context,
  filter: ReleaseFilter | null | undefined,
  order: ReleaseOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<Release>> {
  const request = pageRequest(args, ['date', 'slug']);
  const criteria = await releaseCriteria(ctx, filter);
  const key = releaseKey(order?.direction === 'DESC');
  const { db } = ctx.store;
  const rows = await findReleasesPage(db, criteria, key, request);
  return new ReleaseConnection(
    toPage(
      rows,
      request,
      (r) => [r.date, r.slug],
      toRelease,
      () => countReleases(db, criteria),
    ),
  );
}

/** An organization's or a license's releases: one statement for all parents in the request. */
export async function releasesOf(
  ctx: Context,
  parent: ReleaseParent,
  parentId: number,
  filter: ReleaseFilter | null | undefined,
  order: ReleaseOrder | null | undefined,
  args: PageArgs,
): Promise<ConnectionShape<Release>> {
  const request = pageRequest(args, ['date', 'slug']);
  const criteria = await releaseCriteria(ctx, filter);
  const descending = order?.direction === 'DESC';
  const rows = await ctx.loaders.releases.pages.load({ parentId, params: { parent, criteria, descending, request } });
  const count = () => ctx.loaders.releases.counts.load({ parentId, params: { parent, criteria } });
  return new ReleaseConnection(toPage(rows, request, (r) => [r.date, r.slug], toRelease, count));
}

export async function variantsOf(ctx: Context, release: Release): Promise<ModelVariant[]> {
  const rows = await ctx.loaders.releases.variants.load(release.dbId);
  return rows.map((r) =>
    Object.assign(new ModelVariant(), {
      name: r.name,
      parameterCount: r.parameter_count === null ? null : Number(r.parameter_count),
      activeParameterCount: r.active_parameter_count === null ? null : Number(r.active_parameter_count),
      date: r.date,
      datePrecision: r.date_precision,
      accessLevel: r.access_level,
    }),
  );
}

export async function modalitiesOf(ctx: Context, release: Release): Promise<Modality[]> {
  return (await ctx.loaders.releases.modalities.load(release.dbId)).map((r) => r.modality as Modality);
}

export async function comparedWithOf(ctx: Context, release: Release): Promise<Release[]> {
  return (await ctx.loaders.releases.comparedWith.load(release.dbId)).map(toRelease);
}
