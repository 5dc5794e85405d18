import type { Kysely } from 'kysely';
import type { Database, PersonRow, RoleRow } from '../db/database';
import { pageQuery, tag, type SortKey } from '../db/keyset';
import type { PageRequest } from '../db/paging';

export const PERSON_KEY: SortKey = { columns: ['slug'], descending: false };

export function findPeopleByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PersonRow[]> {
  return db.selectFrom('people').selectAll().where('id', 'in', ids).modifyEnd(tag('peopleByIds')).execute();
}

export function findPeopleBySlugs(db: Kysely<Database>, slugs: readonly string[]): Promise<PersonRow[]> {
  return db.selectFrom('people').selectAll().where('slug', 'in', slugs).modifyEnd(tag('peopleBySlugs')).execute();
}

export function findPeoplePage(db: Kysely<Database>, request: PageRequest): Promise<PersonRow[]> {
  return pageQuery(db.selectFrom('people').selectAll(), PERSON_KEY, request).modifyEnd(tag('peoplePage')).execute();
}

export async function countPeople(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .modifyEnd(tag('countPeople'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRolesByPersonIds(db: Kysely<Database>, personIds: readonly number[]): Promise<RoleRow[]> {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('ordinal')
    .modifyEnd(tag('rolesByPersonIds'))
    .execute();
}
