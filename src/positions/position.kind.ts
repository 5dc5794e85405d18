import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import type { PolicyPositionRow } from '../db/database';
import { groupBy } from '../db/rows';
import * as v from '../domain/vocabulary';
import { userError } from '../curation/user-error';
import { PolicyTopicEnum, StanceEnum } from '../graphql/enums';
import { dateFields, dropNulls, sourcesField, type Plain } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { child, childRows, citations, compact, curatedDate, opt, requiredDate, slugsById } from '../records/read-kit';
import { eventRelations } from '../relations/relation.part';
import { relationsField } from '../relations/relation.schema';
import { citedSources, curatedDate as seedDate, list, oneOf, slug, text } from '../seed/seed.fields';
import { positionBySlug } from './position.service';
import { positionTimeline } from './position.timeline';
import { OrganizationPositionsResolver, PersonPositionsResolver } from './position.fields';
import { PositionResolver } from './position.resolver';
import { PolicyPosition } from './position.type';

/* A policy position: its seed format, input fields, rows and references. */

const actorSchema = z.union([z.strictObject({ person: slug }), z.strictObject({ organization: slug })], {
  error: 'must be { person: <slug> } or { organization: <slug> }',
});

export const positionSchema = z.strictObject({
  slug,
  title: text(300),
  date: seedDate,
  summary: text(4000).optional(),
  actor: actorSchema,
  organization: slug,
  topic: oneOf(v.PolicyTopics),
  stance: oneOf(v.Stances),
  quote: text(600).optional(),
  arguments: list(text(200)).default([]),
  relations: relationsField,
  sources: citedSources,
});
export type SeedPosition = z.infer<typeof positionSchema>;

declare module '../records/kind' {
  interface KindRecords {
    policyPositions: SeedPosition;
  }
}

@InputType({ description: 'Who took a position: exactly one of `person` or `organization`.' })
export class ActorInput {
  @Field(() => String, { nullable: true, description: 'Slug of the person who said it.' })
  person?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the organization that said it (no single speaker).' })
  organization?: string | null;
}

const relations = eventRelations<'policyPositions'>('POLICY_POSITION');

export const positionKind = defineKind('policyPositions')({
  subject: 'POLICY_POSITION',
  typeName: 'PolicyPosition',
  noun: 'policy position',
  field: 'policyPosition',
  table: 'policy_positions',
  type: () => PolicyPosition,
  resolvers: [PositionResolver, OrganizationPositionsResolver, PersonPositionsResolver],
  schema: positionSchema,
  timeline: positionTimeline,
  seedFile: () => 'positions.yaml',
  nested: relations.nested,

  inputFields: {
    title: { type: () => String, required: true, description: "A headline in the project's own words." },
    ...dateFields('the date', 'When the position was taken.'),
    summary: { type: () => String, description: "The position and its arguments, in the project's own words." },
    actor: { type: () => ActorInput, required: true, description: 'Who took it.' },
    organization: { type: () => String, required: true, description: 'Slug of the organization they spoke for.' },
    topic: { type: () => PolicyTopicEnum, required: true, description: 'What it is about.' },
    stance: { type: () => StanceEnum, required: true, description: 'Where it stands.' },
    quote: { type: () => String, description: 'A short, exact quote, attributed and sourced.' },
    arguments: { type: () => [String], description: 'The arguments made, e.g. "democratization". In an update, the new full list.' },
    relations: relations.input,
    sources: sourcesField(true),
  },
  fromInput(given, _existing, errors) {
    relations.fromInput(given);
    if (!given.actor) return;
    const actor = dropNulls(given.actor as Plain);
    if (Object.keys(actor).length !== 1)
      errors.push(userError(['input', 'actor'], 'give exactly one of person or organization', 'INVALID'));
    given.actor = actor;
  },

  async row(p, resolve) {
    const date = requiredDate(p.date);
    return {
      title: p.title,
      date: date.date,
      date_precision: date.precision,
      summary: p.summary ?? null,
      actor_person_id: 'person' in p.actor ? await resolve('people', p.actor.person) : null,
      actor_organization_id: 'organization' in p.actor ? await resolve('organizations', p.actor.organization) : null,
      organization_id: await resolve('organizations', p.organization),
      topic: p.topic,
      stance: p.stance,
      quote: p.quote ?? null,
    };
  },
  children: [
    child({
      table: 'position_arguments',
      parent: 'position_id',
      rows: (p: SeedPosition, _resolve, id) => p.arguments.map((text, ordinal) => ({ position_id: id, ordinal, text })),
    }),
    relations.child,
  ],

  async read(db, rows: PolicyPositionRow[], all) {
    const ids = rows.map((r) => r.id);
    const [orgs, people, argsOf, cited, relationsOf] = await Promise.all([
      slugsById(
        db,
        'organizations',
        rows.flatMap((r) => [r.organization_id, r.actor_organization_id]),
        all,
      ),
      slugsById(
        db,
        'people',
        rows.map((r) => r.actor_person_id),
        all,
      ),
      childRows(db, 'position_arguments', 'position_id', ids),
      citations(db, 'POLICY_POSITION', ids),
      relations.read(db, ids, all),
    ]);
    return rows.map((r) =>
      compact({
        slug: r.slug,
        title: r.title,
        date: curatedDate(r.date, r.date_precision)!,
        summary: opt(r.summary),
        actor:
          r.actor_person_id !== null ? { person: people.get(r.actor_person_id)! } : { organization: orgs.get(r.actor_organization_id!)! },
        organization: orgs.get(r.organization_id)!,
        topic: r.topic,
        stance: r.stance,
        quote: opt(r.quote),
        arguments: (argsOf.get(r.id) ?? []).map((x) => x.text),
        relations: relationsOf.get(r.id),
        sources: cited.get(r.id) ?? [],
      }),
    );
  },

  references: [
    {
      name: 'actor.person',
      target: 'people',
      label: 'policy positions',
      slugs: (p) => ('person' in p.actor ? [{ path: ['actor', 'person'], slug: p.actor.person }] : []),
      stored: { column: 'actor_person_id' },
      inSearchText: true,
    },
    {
      name: 'actor.organization',
      target: 'organizations',
      label: 'policy positions',
      slugs: (p) => ('organization' in p.actor ? [{ path: ['actor', 'organization'], slug: p.actor.organization }] : []),
      stored: { column: 'actor_organization_id' },
      inSearchText: true,
    },
    {
      name: 'organization',
      target: 'organizations',
      label: 'policy positions',
      slugs: (p) => [{ path: ['organization'], slug: p.organization }],
      stored: { column: 'organization_id' },
      inSearchText: true,
    },
    ...relations.references,
  ],
  rules: relations.rules,
  reads: relations.reads,
  chain: relations.chain,

  async search(db, ids) {
    const [positions, args] = await Promise.all([
      db
        .selectFrom('policy_positions as p')
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .leftJoin('people as a', 'a.id', 'p.actor_person_id')
        .select(['p.id', 'p.slug', 'p.title', 'p.summary', 'p.quote', 'o.name as organization', 'a.name as actor'])
        .$if(ids !== undefined, (q) => q.where('p.id', 'in', ids!))
        .execute(),
      db
        .selectFrom('position_arguments')
        .select(['position_id', 'text'])
        .$if(ids !== undefined, (q) => q.where('position_id', 'in', ids!))
        .orderBy('position_id')
        .orderBy('ordinal')
        .execute(),
    ]);
    const argumentsOf = groupBy(args, (a) => a.position_id);
    return positions.map((p) => ({
      slug: p.slug,
      title: p.title,
      parts: [p.summary, p.quote, p.actor, p.organization, ...(argumentsOf.get(p.id) ?? []).map((a) => a.text)],
    }));
  },
  fetch: positionBySlug,
});
