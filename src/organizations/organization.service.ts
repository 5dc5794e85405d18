import type { OrganizationRow } from '../db/database';
import type { OrganizationKind } from '../domain/vocabulary';
import type { Context } from '../app/context';
import { idsForSlugs } from '../graphql/slugs';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { toGlobalId } from '../graphql/relay/global-id';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import type { Person } from '../people/person.type';
import { toPerson } from '../people/person.service';
import { Organization, OrganizationConnection } from './organization.type';
import { countOrganizations, findOrganizationsPage } from './organization.repository';
import { PersonConnection } from '../people/person.type';

export function toOrganization(row: OrganizationRow): Organization {
  return Object.assign(new Organization(), {
    dbId: row.id,
    id: toGlobalId('Organization', row.slug),
    slug: row.slug,
    name: row.name,
    kind: row.kind as OrganizationKind,
    description: row.description,
    website: row.website,
    stockTicker: row.stock_ticker,
    businessModel: row.business_model,
    version: Number(row.version),
  });
}

export async function organizationBySlug(ctx: Context, slug: string): Promise<Organization | null> {
  const row = await ctx.loaders.organizations.bySlug.load(slug);
  return row && toOrganization(row);
}

/** For relations: the referenced organization must exist (foreign keys guarantee it). */
export async function organizationById(ctx: Context, id: number): Promise<Organization> {
  const row = await ctx.loaders.organizations.byId.load(id);
  if (!row) throw new Error(`Organization ${id} is referenced but missing`);
  return toOrganization(row);
}

export async function listOrganizations(ctx: Context, args: PageArgs): Promise<ConnectionShape<Organization>> {
  const request = pageRequest(args, ['slug']);
  const rows = await findOrganizationsPage(ctx.store.db, request);
  // Relations (actors, roles) often point back into the page just read.
  for (const row of rows) ctx.loaders.organizations.byId.prime(row.id, row);
  return new OrganizationConnection(
    toPage(
      rows,
      request,
      (r) => [r.slug],
      toOrganization,
      () => countOrganizations(ctx.store.db),
    ),
  );
}

export async function organizationMembers(ctx: Context, organization: Organization, args: PageArgs): Promise<ConnectionShape<Person>> {
  const request = pageRequest(args, ['slug']);
  const rows = await ctx.loaders.organizations.memberPages.load({ parentId: organization.dbId, params: request });
  const count = () => ctx.loaders.organizations.memberCounts.load({ parentId: organization.dbId, params: null });
  return new PersonConnection(toPage(rows, request, (r) => [r.slug], toPerson, count));
}

export function organizationIdsForSlugs(
  ctx: Context,
  slugs: readonly string[] | null | undefined,
  argument: string,
): Promise<number[] | null> {
  return idsForSlugs(ctx.loaders.organizations.bySlug, slugs, argument, 'organization');
}
