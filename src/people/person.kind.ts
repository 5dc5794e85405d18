import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import type { PersonRow } from '../db/database';
import { groupBy } from '../db/rows';
import { parseCuratedDate } from '../domain/dates';
import type { DatePrecision } from '../domain/vocabulary';
import { DatePrecisionEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { foldDates, sourcesField, type Plain } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { child, childRows, citations, compact, curatedDate, dateParts, opt, optionalSources, slugsById } from '../records/read-kit';
import { curatedDate as seedDate, list, slug, sources, text } from '../seed/seed.fields';
import { personBySlug } from './person.service';
import { PersonResolver, RoleResolver } from './person.resolver';
import { Person } from './person.type';

/* A person: their seed format, roles, input fields and rows. */

export const roleSchema = z.strictObject({
  title: text(200),
  organization: slug,
  startedOn: seedDate.optional(),
  endedOn: seedDate.optional(),
});

export const personSchema = z.strictObject({
  slug,
  name: text(200),
  description: text(2000).optional(),
  roles: list(roleSchema).min(1, 'needs at least one role'),
  sources: sources.optional(),
});
export type SeedPerson = z.infer<typeof personSchema>;

declare module '../records/kind' {
  interface KindRecords {
    people: SeedPerson;
  }
}

@InputType({ description: 'A role a person holds or held at an organization.' })
export class RoleInput {
  @Field(() => String, { description: 'The title, e.g. "Chief AI Scientist".' })
  title!: string;

  @Field(() => String, { description: 'Slug of the organization.' })
  organization!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the role began.' })
  startedOn?: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `startedOn` is known (DAY when left out).' })
  startedOnPrecision?: DatePrecision | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the role ended; leave out while it lasts.' })
  endedOn?: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `endedOn` is known (DAY when left out).' })
  endedOnPrecision?: DatePrecision | null;
}

export const personKind = defineKind('people')({
  subject: 'PERSON',
  typeName: 'Person',
  noun: 'person',
  field: 'person',
  table: 'people',
  type: () => Person,
  resolvers: [PersonResolver, RoleResolver],
  schema: personSchema,
  seedFile: () => 'people.yaml',
  nested: { roles: Object.keys(roleSchema.shape) },

  inputFields: {
    name: { type: () => String, required: true, description: 'Full name.' },
    description: { type: () => String, description: "A short description in the project's own words." },
    roles: { type: () => [RoleInput], required: true, description: 'Roles held, at least one. In an update, the new full list.' },
    sources: sourcesField(false),
  },
  fromInput(given, _existing, errors) {
    if (Array.isArray(given.roles))
      given.roles = given.roles.map((r, i) => foldDates(r as Plain, ['startedOn', 'endedOn'], ['input', 'roles', String(i)], errors));
  },

  async row(p) {
    return { name: p.name, description: p.description ?? null };
  },
  children: [
    child({
      table: 'roles',
      parent: 'person_id',
      rows: async (p: SeedPerson, resolve, id) => {
        const rows = [];
        for (const [ordinal, role] of p.roles.entries()) {
          const start = dateParts(role.startedOn);
          const end = dateParts(role.endedOn);
          rows.push({
            person_id: id,
            organization_id: await resolve('organizations', role.organization),
            ordinal,
            title: role.title,
            started_on: start.date,
            started_on_precision: start.precision,
            ended_on: end.date,
            ended_on_precision: end.precision,
          });
        }
        return rows;
      },
    }),
  ],

  async read(db, rows: PersonRow[], all) {
    const ids = rows.map((r) => r.id);
    const rolesOf = await childRows(db, 'roles', 'person_id', ids);
    const orgs = await slugsById(
      db,
      'organizations',
      [...rolesOf.values()].flat().map((r) => r.organization_id),
      all,
    );
    const cited = await citations(db, 'PERSON', ids);
    return rows.map((r) =>
      compact({
        slug: r.slug,
        name: r.name,
        description: opt(r.description),
        roles: (rolesOf.get(r.id) ?? []).map((role) =>
          compact({
            title: role.title,
            organization: orgs.get(role.organization_id)!,
            startedOn: curatedDate(role.started_on, role.started_on_precision),
            endedOn: curatedDate(role.ended_on, role.ended_on_precision),
          }),
        ),
        sources: optionalSources(cited.get(r.id)),
      }),
    );
  },

  references: [
    {
      name: 'roles.organization',
      target: 'organizations',
      label: 'people (roles)',
      slugs: (p) => p.roles.map((role, i) => ({ path: ['roles', i, 'organization'], slug: role.organization })),
      stored: { column: 'organization_id', child: { table: 'roles', parent: 'person_id' } },
      inSearchText: true,
    },
  ],
  rules: [
    (p, _lookup, report) => {
      p.roles.forEach((role, i) => {
        if (role.startedOn && role.endedOn && parseCuratedDate(role.endedOn)!.date < parseCuratedDate(role.startedOn)!.date)
          report(['roles', i, 'endedOn'], `ends (${role.endedOn}) before it starts (${role.startedOn})`);
      });
    },
  ],

  async search(db, ids) {
    const [people, roles] = await Promise.all([
      db
        .selectFrom('people')
        .select(['id', 'slug', 'name', 'description'])
        .$if(ids !== undefined, (q) => q.where('id', 'in', ids!))
        .execute(),
      db
        .selectFrom('roles as r')
        .innerJoin('organizations as o', 'o.id', 'r.organization_id')
        .select(['r.person_id', 'r.title', 'o.name as organization'])
        .$if(ids !== undefined, (q) => q.where('r.person_id', 'in', ids!))
        .orderBy('r.person_id')
        .orderBy('r.ordinal')
        .execute(),
    ]);
    const rolesOf = groupBy(roles, (r) => r.person_id);
    return people.map((p) => ({
      slug: p.slug,
      title: p.name,
      parts: [p.description, ...(rolesOf.get(p.id) ?? []).map((r) => `${r.title}, ${r.organization}`)],
    }));
  },
  fetch: personBySlug,
});
