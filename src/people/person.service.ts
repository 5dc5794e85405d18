import type { PersonRow, RoleRow } from '../db/database';
import type { Context } from '../app/context';
import { toPage, type ConnectionShape } from '../graphql/relay/connection';
import { toGlobalId } from '../graphql/relay/global-id';
import { idsForSlugs } from '../graphql/slugs';
import { pageRequest, type PageArgs } from '../graphql/relay/paging';
import { countPeople, findPeoplePage } from './person.repository';
import { Person, PersonConnection, Role } from './person.type';

export function toPerson(row: PersonRow): Person {
  return Object.assign(new Person(), {
    dbId: row.id,
    id: toGlobalId('Person', row.slug),
    slug: row.slug,
    name: row.name,
    description: row.description,
    version: Number(row.version),
  });
}

function toRole(row: RoleRow): Role {
  return Object.assign(new Role(), {
    organizationId: row.organization_id,
    title: row.title,
    startedOn: row.started_on,
    startedOnPrecision: row.started_on_precision,
    endedOn: row.ended_on,
    endedOnPrecision: row.ended_on_precision,
  });
}

export async function personBySlug(ctx: Context, slug: string): Promise<Person | null> {
  const row = await ctx.loaders.people.bySlug.load(slug);
  return row && toPerson(row);
}

export async function personById(ctx: Context, id: number): Promise<Person> {
  const row = await ctx.loaders.people.byId.load(id);
  if (!row) throw new Error(`Person ${id} is referenced but missing`);
  return toPerson(row);
}

export async function listPeople(ctx: Context, args: PageArgs): Promise<ConnectionShape<Person>> {
  const request = pageRequest(args, ['slug']);
  const rows = await findPeoplePage(ctx.store.db, request);
  for (const row of rows) ctx.loaders.people.byId.prime(row.id, row);
  return new PersonConnection(
    toPage(
      rows,
      request,
      (r) => [r.slug],
      toPerson,
      () => countPeople(ctx.store.db),
    ),
  );
}

export async function rolesOf(ctx: Context, person: Person): Promise<Role[]> {
  return (await ctx.loaders.people.roles.load(person.dbId)).map(toRole);
}

export function personIdsForSlugs(ctx: Context, slugs: readonly string[] | null | undefined, argument: string): Promise<number[] | null> {
  return idsForSlugs(ctx.loaders.people.bySlug, slugs, argument, 'person');
}
