import type { LicenseRow } from '../db/database';
import type { Context } from '../app/context';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { toGlobalId } from '../graphql/relay/global-id';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { countLicenses, findLicensesPage } from './license.repository';
import { License, LicenseConnection } from './license.type';

export function toLicense(row: LicenseRow): License {
  return Object.assign(new License(), {
    dbId: row.id,
    id: toGlobalId('License', row.slug),
    slug: row.slug,
    name: row.name,
    spdxId: row.spdx_id,
    url: row.url,
    osiApproved: row.osi_approved,
    allowsCommercialUse: row.allows_commercial_use,
    userThreshold: row.user_threshold === null ? null : Number(row.user_threshold),
    version: Number(row.version),
  });
}

export async function licenseBySlug(ctx: Context, slug: string): Promise<License | null> {
  const row = await ctx.loaders.licenses.bySlug.load(slug);
  return row && toLicense(row);
}

export async function licenseById(ctx: Context, id: number | null): Promise<License | null> {
  const row = id === null ? null : await ctx.loaders.licenses.byId.load(id);
  return row && toLicense(row);
}

export async function listLicenses(ctx: Context, args: PageArgs): Promise<ConnectionShape<License>> {
  const request = pageRequest(args, ['slug']);
  const { db } = ctx.store;
  const rows = await findLicensesPage(db, request);
  return new LicenseConnection(
    toPage(
      rows,
      request,
      (r) => [r.slug],
      toLicense,
      () => countLicenses(db),
    ),
  );
}

export async function restrictionsOf(ctx: Context, license: License): Promise<string[]> {
  return (await ctx.loaders.licenses.restrictions.load(license.dbId)).map((r) => r.text);
}
