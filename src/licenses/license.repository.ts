import type { Kysely } from 'kysely';
import type { Database, LicenseRow } from '../db/database';
import { pageQuery, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

const LICENSE_KEY: SortKey = { columns: ['slug'], descending: false };

export function findLicensesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<LicenseRow[]> {
  return db.selectFrom('licenses').selectAll().where('id', 'in', ids).modifyEnd(tag('licensesByIds')).execute();
}

export function findLicensesBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<LicenseRow[]> {
  return db.selectFrom('licenses').selectAll().where('slug', 'in', slugs).modifyEnd(tag('licensesBySlugs')).execute();
}

export function findLicensesPage(db: Kysely<Database>, request: PageRequest): Promise<LicenseRow[]> {
  return pageQuery(db.selectFrom('licenses').selectAll(), LICENSE_KEY, request).modifyEnd(tag('licensesPage')).execute();
}

export async function countLicenses(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('licenses')
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countLicenses'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRestrictions(db: Kysely<Database>, licenseIds: readonly number[]) {
  return db
    .selectFrom('license_restrictions')
    .selectAll()
    .where('license_id', 'in', licenseIds)
    .orderBy('license_id')
    .orderBy('ordinal')
    .modifyEnd(tag('restrictions'))
    .execute();
}
