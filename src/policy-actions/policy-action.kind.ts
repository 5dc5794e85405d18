import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import type { PolicyActionRow } from '../db/database';
import { groupBy } from '../db/rows';
import * as v from '../domain/vocabulary';
import type { DatePrecision } from '../domain/vocabulary';
import { DatePrecisionEnum, OpenWeightsTreatmentEnum, PolicyActionKindEnum, PolicyActionStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { dateFields, foldDates, sourcesField, type Plain } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { child, childRows, citations, compact, curatedDate, opt, requiredDate, slugsById } from '../records/read-kit';
import { eventRelations } from '../relations/relation.part';
import { relationsField } from '../relations/relation.schema';
import { citedSources, curatedDate as seedDate, list, oneOf, slug, text } from '../seed/seed.fields';
import { PolicyActionResolver } from './policy-action.resolver';
import { policyActionBySlug } from './policy-action.service';
import { policyActionTimeline } from './policy-action.timeline';
import { PolicyAction } from './policy-action.type';

/* A policy action: its seed format, input fields, rows, references and rules. */

export const milestoneSchema = z.strictObject({
  label: text(200),
  date: seedDate,
});

export const policyActionSchema = z.strictObject({
  slug,
  title: text(300),
  date: seedDate,
  summary: text(4000).optional(),
  kind: oneOf(v.PolicyActionKinds),
  status: oneOf(v.PolicyActionStatuses),
  jurisdiction: oneOf(v.Jurisdictions),
  officialName: text(300).optional(),
  organization: slug,
  signatories: list(slug).default([]),
  openWeights: oneOf(v.OpenWeightsTreatments),
  openWeightsNote: text(1000).optional(),
  milestones: list(milestoneSchema).default([]),
  relations: relationsField,
  sources: citedSources,
});
export type SeedPolicyAction = z.infer<typeof policyActionSchema>;

declare module '../records/kind' {
  interface KindRecords {
    policyActions: SeedPolicyAction;
  }
}

@InputType({ description: 'A dated step of a policy action, e.g. "Prohibitions apply" on 2025-02-02.' })
export class MilestoneInput {
  @Field(() => String, { description: "What happens on the date, in the project's own words." })
  label!: string;

  @Field(() => DateScalar, { description: 'When.' })
  date!: string;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `date` is known (DAY when left out).' })
  datePrecision?: DatePrecision | null;
}

const relations = eventRelations<'policyActions'>('POLICY_ACTION');

export const policyActionKind = defineKind('policyActions')({
  subject: 'POLICY_ACTION',
  typeName: 'PolicyAction',
  noun: 'policy action',
  field: 'policyAction',
  table: 'policy_actions',
  type: () => PolicyAction,
  resolvers: [PolicyActionResolver],
  schema: policyActionSchema,
  timeline: policyActionTimeline,
  seedFile: () => 'policy-actions.yaml',
  nested: { milestones: Object.keys(milestoneSchema.shape), ...relations.nested },

  inputFields: {
    title: { type: () => String, required: true, description: "A headline in the project's own words." },
    ...dateFields('the date', 'When it was signed, adopted, published or decided.'),
    summary: { type: () => String, description: "What it does, in the project's own words." },
    kind: { type: () => PolicyActionKindEnum, required: true, description: 'What sort of measure it is.' },
    status: { type: () => PolicyActionStatusEnum, required: true, description: 'Where it stands now.' },
    jurisdiction: { type: () => String, required: true, description: 'Jurisdiction code, e.g. "US", "US-CA", "EU"; "INTL" for summits.' },
    officialName: { type: () => String, description: 'Its official name or number, e.g. "Executive Order 14110".' },
    organization: { type: () => String, required: true, description: 'Slug of the issuing body.' },
    signatories: {
      type: () => [String],
      description: 'Slugs of the organizations that signed (declarations, voluntary commitments). In an update, the new full list.',
    },
    openWeights: { type: () => OpenWeightsTreatmentEnum, required: true, description: 'How it treats openly released model weights.' },
    openWeightsNote: { type: () => String, description: "How it treats open weights, in the project's words, with the provision named." },
    milestones: { type: () => [MilestoneInput], description: 'Later dated steps. In an update, the new full list.' },
    relations: relations.input,
    sources: sourcesField(true),
  },
  fromInput(given, _existing, errors) {
    relations.fromInput(given);
    if (Array.isArray(given.milestones))
      given.milestones = given.milestones.map((m, i) => foldDates(m as Plain, ['date'], ['input', 'milestones', String(i)], errors));
  },

  async row(a, resolve) {
    const date = requiredDate(a.date);
    return {
      title: a.title,
      date: date.date,
      date_precision: date.precision,
      summary: a.summary ?? null,
      kind: a.kind,
      status: a.status,
      jurisdiction: a.jurisdiction,
      official_name: a.officialName ?? null,
      organization_id: await resolve('organizations', a.organization),
      open_weights: a.openWeights,
      open_weights_note: a.openWeightsNote ?? null,
    };
  },
  children: [
    child({
      table: 'policy_action_signatories',
      parent: 'action_id',
      rows: async (a: SeedPolicyAction, resolve, id) => {
        const rows = [];
        for (const [ordinal, slug] of a.signatories.entries())
          rows.push({ action_id: id, ordinal, organization_id: await resolve('organizations', slug) });
        return rows;
      },
    }),
    child({
      table: 'policy_action_milestones',
      parent: 'action_id',
      rows: (a: SeedPolicyAction, _resolve, id) =>
        a.milestones.map((m, ordinal) => {
          const date = requiredDate(m.date);
          return { action_id: id, ordinal, label: m.label, date: date.date, date_precision: date.precision };
        }),
    }),
    relations.child,
  ],

  async read(db, rows: PolicyActionRow[], all) {
    const ids = rows.map((r) => r.id);
    const [signatoriesOf, milestonesOf, cited, relationsOf] = await Promise.all([
      childRows(db, 'policy_action_signatories', 'action_id', ids),
      childRows(db, 'policy_action_milestones', 'action_id', ids),
      citations(db, 'POLICY_ACTION', ids),
      relations.read(db, ids, all),
    ]);
    const orgs = await slugsById(
      db,
      'organizations',
      [...rows.map((r) => r.organization_id), ...[...signatoriesOf.values()].flat().map((s) => s.organization_id)],
      all,
    );
    return rows.map((r) =>
      compact({
        slug: r.slug,
        title: r.title,
        date: curatedDate(r.date, r.date_precision)!,
        summary: opt(r.summary),
        kind: r.kind,
        status: r.status,
        jurisdiction: r.jurisdiction as v.Jurisdiction,
        officialName: opt(r.official_name),
        organization: orgs.get(r.organization_id)!,
        signatories: (signatoriesOf.get(r.id) ?? []).map((s) => orgs.get(s.organization_id)!),
        openWeights: r.open_weights,
        openWeightsNote: opt(r.open_weights_note),
        milestones: (milestonesOf.get(r.id) ?? []).map((m) => ({ label: m.label, date: curatedDate(m.date, m.date_precision)! })),
        relations: relationsOf.get(r.id),
        sources: cited.get(r.id) ?? [],
      }),
    );
  },

  references: [
    {
      name: 'organization',
      target: 'organizations',
      label: 'policy actions (as issuing body)',
      slugs: (a) => [{ path: ['organization'], slug: a.organization }],
      stored: { column: 'organization_id' },
      inSearchText: true,
    },
    {
      name: 'signatories',
      target: 'organizations',
      label: 'policy actions (as signatory)',
      slugs: (a) => a.signatories.map((slug, i) => ({ path: ['signatories', i], slug })),
      stored: { column: 'organization_id', child: { table: 'policy_action_signatories', parent: 'action_id' } },
      inSearchText: true,
    },
    ...relations.references,
  ],

  rules: [
    // The issuing body is a government or an intergovernmental body (API.md).
    (a, lookup, report) => {
      const body = lookup.get('organizations', a.organization);
      if (body && body.kind !== 'GOVERNMENT' && body.kind !== 'INTERGOVERNMENTAL')
        report(
          ['organization'],
          `"${a.organization}" is of kind ${body.kind}; the issuing body of a policy action is a GOVERNMENT or INTERGOVERNMENTAL organization`,
        );
    },
    // Each signatory signed once.
    (a, _lookup, report) => {
      a.signatories.forEach((slug, i) => {
        if (a.signatories.indexOf(slug) !== i) report(['signatories', i], `"${slug}" is listed more than once`);
      });
    },
    ...relations.rules,
  ],
  reads: relations.reads,
  chain: relations.chain,

  async search(db, ids) {
    const [actions, signatories, milestones] = await Promise.all([
      db
        .selectFrom('policy_actions as a')
        .innerJoin('organizations as o', 'o.id', 'a.organization_id')
        .select([
          'a.id',
          'a.slug',
          'a.title',
          'a.summary',
          'a.official_name',
          'a.jurisdiction',
          'a.open_weights_note',
          'o.name as organization',
        ])
        .$if(ids !== undefined, (q) => q.where('a.id', 'in', ids!))
        .execute(),
      db
        .selectFrom('policy_action_signatories as s')
        .innerJoin('organizations as o', 'o.id', 's.organization_id')
        .select(['s.action_id', 'o.name'])
        .$if(ids !== undefined, (q) => q.where('s.action_id', 'in', ids!))
        .orderBy('s.action_id')
        .orderBy('s.ordinal')
        .execute(),
      db
        .selectFrom('policy_action_milestones')
        .select(['action_id', 'label'])
        .$if(ids !== undefined, (q) => q.where('action_id', 'in', ids!))
        .orderBy('action_id')
        .orderBy('ordinal')
        .execute(),
    ]);
    const signatoriesOf = groupBy(signatories, (s) => s.action_id);
    const milestonesOf = groupBy(milestones, (m) => m.action_id);
    const jurisdictionName = (code: string) => v.Jurisdictions.descriptions[code as v.Jurisdiction];
    return actions.map((a) => ({
      slug: a.slug,
      title: a.title,
      parts: [
        a.official_name,
        a.summary,
        a.organization,
        jurisdictionName(a.jurisdiction),
        a.open_weights_note,
        ...(signatoriesOf.get(a.id) ?? []).map((s) => s.name),
        ...(milestonesOf.get(a.id) ?? []).map((m) => m.label),
      ],
    }));
  },
  fetch: policyActionBySlug,
});
