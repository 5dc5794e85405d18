import { Field, Float, InputType } from 'type-graphql';
import { z } from 'zod';
import type { ReleaseRow } from '../db/database';
import { groupBy } from '../db/rows';
import { datePeriod, parseCuratedDate } from '../domain/dates';
import * as v from '../domain/vocabulary';
import type { AccessLevel, DatePrecision } from '../domain/vocabulary';
import { AccessLevelEnum, ArtifactTypeEnum, DatePrecisionEnum, ModalityEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { dateFields, foldDates, sourcesField, type Plain } from '../records/input-fields';
import { defineKind } from '../records/kind';
import { child, citations, compact, curatedDate, childRows, dateParts, opt, optNumber, requiredDate, slugsById } from '../records/read-kit';
import { eventRelations } from '../relations/relation.part';
import { relationsField } from '../relations/relation.schema';
import { citedSources, curatedDate as seedDate, list, oneOf, slug, text } from '../seed/seed.fields';
import { releaseBySlug } from './release.service';
import { releaseTimeline } from './release.timeline';
import { LicenseReleasesResolver, OrganizationReleasesResolver } from './release.fields';
import {
  OPENNESS_LIST,
  OPENNESS_SOURCES,
  opennessColumns,
  opennessFromInput,
  OpennessInput,
  opennessRules,
  opennessSchema,
  readOpenness,
} from './release.openness';
import { OpennessResolver, ReleaseResolver } from './release.resolver';
import { Release } from './release.type';

/* A release: its seed format, input fields, rows, references and rules. */

export const variantSchema = z.strictObject({
  name: text(200),
  parameterCount: z.number().positive().optional(),
  activeParameterCount: z.number().positive().optional(),
  /** A staged release: the variant came out later, or on other terms, than the release. */
  date: seedDate.optional(),
  accessLevel: oneOf(v.AccessLevels).optional(),
});

export const releaseSchema = z.strictObject({
  slug,
  name: text(200),
  title: text(300),
  artifactType: oneOf(v.ArtifactTypes),
  family: text(100).optional(),
  organization: slug,
  date: seedDate,
  summary: text(4000).optional(),
  accessLevel: oneOf(v.AccessLevels),
  license: slug.optional(),
  openness: opennessSchema.optional(),
  variants: list(variantSchema).default([]),
  modalities: list(oneOf(v.Modalities)).default([]),
  predecessor: slug.optional(),
  comparedWith: list(slug).default([]),
  relations: relationsField,
  sources: citedSources,
});
export type SeedRelease = z.infer<typeof releaseSchema>;

declare module '../records/kind' {
  interface KindRecords {
    releases: SeedRelease;
  }
}

@InputType({ description: 'One size or edition of a model, e.g. "405B".' })
export class ModelVariantInput {
  @Field(() => String, { description: 'The variant\'s name, e.g. "Llama 3.1 405B".' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'Total parameters, e.g. 405000000000. Leave out when not published.' })
  parameterCount?: number | null;

  @Field(() => Float, { nullable: true, description: 'Parameters active per token, for mixture-of-experts models.' })
  activeParameterCount?: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When this variant came out, for a staged release; leave out when it is the release's date (never before it).",
  })
  date?: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `date` is known (DAY when left out).' })
  datePrecision?: DatePrecision | null;

  @Field(() => AccessLevelEnum, {
    nullable: true,
    description: "How the public can get at this variant; leave out when it is the release's access level.",
  })
  accessLevel?: AccessLevel | null;
}

const dayOf = (date: string) => parseCuratedDate(date)!.date;
const relations = eventRelations<'releases'>('RELEASE');

export const releaseKind = defineKind('releases')({
  subject: 'RELEASE',
  typeName: 'Release',
  noun: 'release',
  field: 'release',
  table: 'releases',
  type: () => Release,
  resolvers: [ReleaseResolver, OpennessResolver, OrganizationReleasesResolver, LicenseReleasesResolver],
  schema: releaseSchema,
  timeline: releaseTimeline,
  seedFile: (r) => (r.organization === 'meta' ? 'releases-meta.yaml' : 'releases-rivals.yaml'),
  nested: { variants: Object.keys(variantSchema.shape), openness: Object.keys(opennessSchema.shape), ...relations.nested },

  inputFields: {
    name: { type: () => String, required: true, description: 'The artifact\'s name, e.g. "Llama 3.1".' },
    title: { type: () => String, description: "A headline for the timeline in the project's own words; the name when left out." },
    artifactType: { type: () => ArtifactTypeEnum, required: true, description: 'Model, dataset or software.' },
    family: { type: () => String, description: 'The family it belongs to, e.g. "Llama".' },
    organization: { type: () => String, required: true, description: 'Slug of the organization that released it.' },
    ...dateFields('the date', 'The public announcement date.'),
    summary: { type: () => String, description: "What was released and how open it is, in the project's own words." },
    accessLevel: {
      type: () => AccessLevelEnum,
      required: true,
      description: 'How the public can get at it; OPEN_SOURCE needs an OSI-approved license.',
    },
    license: { type: () => String, description: 'Slug of the license it was released under.' },
    openness: {
      type: () => OpennessInput,
      description: 'How open it is, component by component; MODEL releases only. In an update, the new whole value; null clears it.',
    },
    variants: { type: () => [ModelVariantInput], description: 'Sizes or editions. In an update, the new full list.' },
    modalities: { type: () => [ModalityEnum], description: 'Kinds of data it handles. In an update, the new full list.' },
    predecessor: { type: () => String, description: 'Slug of the release it follows.' },
    comparedWith: {
      type: () => [String],
      description: 'Slugs of the releases it was compared with at launch. In an update, the new full list.',
    },
    relations: relations.input,
    sources: sourcesField(true),
  },
  fromInput(given, existing, errors) {
    if (!existing && given.title == null) given.title = given.name;
    if (Array.isArray(given.variants))
      given.variants = given.variants.map((x, i) => foldDates(x as Plain, ['date'], ['input', 'variants', String(i)], errors));
    if ('openness' in given) given.openness = opennessFromInput(given.openness, errors);
    relations.fromInput(given);
  },

  async row(r, resolve, links) {
    const date = requiredDate(r.date);
    return {
      name: r.name,
      title: r.title,
      artifact_type: r.artifactType,
      family: r.family ?? null,
      organization_id: await resolve('organizations', r.organization),
      date: date.date,
      date_precision: date.precision,
      summary: r.summary ?? null,
      access_level: r.accessLevel,
      is_open: v.isOpenAccess(r.accessLevel),
      license_id: r.license ? await resolve('licenses', r.license) : null,
      predecessor_id: links && r.predecessor ? await resolve('releases', r.predecessor) : null,
      ...opennessColumns(r.openness),
    };
  },
  async links(r, resolve) {
    return { predecessor_id: r.predecessor ? await resolve('releases', r.predecessor) : null };
  },
  children: [
    child({
      table: 'release_variants',
      parent: 'release_id',
      rows: (r: SeedRelease, _resolve, id) =>
        r.variants.map((x, ordinal) => {
          const date = dateParts(x.date);
          return {
            release_id: id,
            ordinal,
            name: x.name,
            parameter_count: x.parameterCount ?? null,
            active_parameter_count: x.activeParameterCount ?? null,
            date: date.date,
            date_precision: date.precision,
            access_level: x.accessLevel ?? null,
          };
        }),
    }),
    child({
      table: 'release_modalities',
      parent: 'release_id',
      rows: (r: SeedRelease, _resolve, id) => r.modalities.map((modality, ordinal) => ({ release_id: id, ordinal, modality })),
    }),
    child({
      table: 'release_comparisons',
      parent: 'release_id',
      rows: async (r: SeedRelease, resolve, id) => {
        const rows = [];
        for (const [ordinal, slug] of r.comparedWith.entries())
          rows.push({ release_id: id, compared_release_id: await resolve('releases', slug), ordinal });
        return rows;
      },
    }),
    relations.child,
  ],
  sourceLists: [OPENNESS_SOURCES],

  async read(db, rows: ReleaseRow[], all) {
    const ids = rows.map((r) => r.id);
    const [variantsOf, modalitiesOf, comparisonsOf] = await Promise.all([
      childRows(db, 'release_variants', 'release_id', ids),
      childRows(db, 'release_modalities', 'release_id', ids),
      childRows(db, 'release_comparisons', 'release_id', ids),
    ]);
    const [orgs, licenses, releases] = await Promise.all([
      slugsById(
        db,
        'organizations',
        rows.map((r) => r.organization_id),
        all,
      ),
      slugsById(
        db,
        'licenses',
        rows.map((r) => r.license_id),
        all,
      ),
      slugsById(
        db,
        'releases',
        [...rows.map((r) => r.predecessor_id), ...[...comparisonsOf.values()].flat().map((c) => c.compared_release_id)],
        all,
      ),
    ]);
    const [cited, opennessCited, relationsOf] = await Promise.all([
      citations(db, 'RELEASE', ids),
      citations(db, 'RELEASE', ids, OPENNESS_LIST),
      relations.read(db, ids, all),
    ]);
    return rows.map((r) =>
      compact({
        slug: r.slug,
        name: r.name,
        title: r.title,
        artifactType: r.artifact_type,
        family: opt(r.family),
        organization: orgs.get(r.organization_id)!,
        date: curatedDate(r.date, r.date_precision)!,
        summary: opt(r.summary),
        accessLevel: r.access_level,
        license: r.license_id === null ? undefined : licenses.get(r.license_id),
        openness: readOpenness(r, opennessCited),
        variants: (variantsOf.get(r.id) ?? []).map((x) =>
          compact({
            name: x.name,
            parameterCount: optNumber(x.parameter_count),
            activeParameterCount: optNumber(x.active_parameter_count),
            date: curatedDate(x.date, x.date_precision),
            accessLevel: opt(x.access_level),
          }),
        ),
        modalities: (modalitiesOf.get(r.id) ?? []).map((m) => m.modality),
        predecessor: r.predecessor_id === null ? undefined : releases.get(r.predecessor_id),
        comparedWith: (comparisonsOf.get(r.id) ?? []).map((c) => releases.get(c.compared_release_id)!),
        relations: relationsOf.get(r.id),
        sources: cited.get(r.id) ?? [],
      }),
    );
  },

  references: [
    {
      name: 'organization',
      target: 'organizations',
      label: 'releases',
      slugs: (r) => [{ path: ['organization'], slug: r.organization }],
      stored: { column: 'organization_id' },
      inSearchText: true,
    },
    {
      name: 'license',
      target: 'licenses',
      label: 'releases',
      slugs: (r) => (r.license ? [{ path: ['license'], slug: r.license }] : []),
      stored: { column: 'license_id' },
      inSearchText: true,
    },
    {
      name: 'predecessor',
      target: 'releases',
      label: 'releases (as predecessor)',
      slugs: (r) => (r.predecessor ? [{ path: ['predecessor'], slug: r.predecessor }] : []),
      stored: { column: 'predecessor_id' },
      notSelf: 'a release cannot be its own predecessor',
    },
    {
      name: 'comparedWith',
      target: 'releases',
      label: 'releases (in comparedWith)',
      slugs: (r) => r.comparedWith.map((slug, i) => ({ path: ['comparedWith', i], slug })),
      stored: { column: 'compared_release_id', child: { table: 'release_comparisons', parent: 'release_id' } },
      notSelf: 'a release cannot be compared with itself',
    },
    ...relations.references,
  ],

  rules: [
    ...opennessRules,
    // A variant's own date and access level are those of a staged release: each differs from the release's, and no variant comes first.
    // Dates are compared as periods: a variant is before its release only when its whole period ends before the release's begins
    // ("2024" is not before "2024-03-05"), and it repeats the release's date only when written alike (same day, same precision).
    (r, _lookup, report) => {
      r.variants.forEach((x, i) => {
        if (x.date === r.date) report(['variants', i, 'date'], `is the release's own date (${r.date}): leave it out`);
        else if (x.date !== undefined && datePeriod(x.date).last < datePeriod(r.date).first)
          report(
            ['variants', i, 'date'],
            `is before the release's date (${x.date}, the release ${r.date}): a variant comes out with its release or later`,
          );
        if (x.accessLevel === r.accessLevel)
          report(['variants', i, 'accessLevel'], `is the release's own access level (${r.accessLevel}): leave it out`);
      });
    },
    // A release comes after its predecessor.
    (r, lookup, report) => {
      if (!r.predecessor || r.predecessor === r.slug) return;
      const predecessor = lookup.get('releases', r.predecessor);
      if (predecessor && dayOf(predecessor.date) > dayOf(r.date))
        report(['predecessor'], `is dated before its predecessor "${r.predecessor}" (${r.date}, the predecessor ${predecessor.date})`);
    },
    // ...and so no release naming this one as its predecessor may come before it (checked from this side when one record changes).
    (r, lookup, report) => {
      if (lookup.whole) return;
      for (const successor of lookup.referrers('releases', 'predecessor', r.slug)) {
        if (dayOf(successor.date) < dayOf(r.date))
          report(['date'], `"${successor.slug}" names this release as its predecessor and is dated ${successor.date}, before ${r.date}`);
      }
    },
    // "Open source" is decided by the license, never by a press release.
    (r, lookup, report) => {
      if (r.accessLevel !== 'OPEN_SOURCE') return;
      if (!r.license)
        return report(['accessLevel'], 'is OPEN_SOURCE without a license: name the OSI-approved license it was released under');
      const license = lookup.get('licenses', r.license);
      if (license && !license.osiApproved)
        report(['accessLevel'], `is OPEN_SOURCE under "${r.license}", which is not OSI-approved; use OPEN_WEIGHTS or GATED_WEIGHTS`);
    },
    ...relations.rules,
  ],
  reads: [{ kind: 'releases', name: 'predecessor' }, ...relations.reads],
  chain: relations.chain,
  guards: [
    {
      // The same rule from the license's side: approval is not withdrawn under OPEN_SOURCE releases.
      kind: 'licenses',
      reads: [{ kind: 'releases', name: 'license', when: (l) => 'osiApproved' in l && !l.osiApproved }],
      rule: (l, lookup, report) => {
        if (lookup.whole || l.osiApproved) return;
        const open = lookup.referrers('releases', 'license', l.slug).filter((r) => r.accessLevel === 'OPEN_SOURCE');
        if (open.length)
          report(
            ['osiApproved'],
            `releases marked OPEN_SOURCE use this license (${open.map((r) => r.slug).join(', ')}); change their access level before withdrawing OSI approval`,
            'IN_USE',
          );
      },
    },
  ],

  async search(db, ids) {
    const [releases, variants] = await Promise.all([
      db
        .selectFrom('releases as r')
        .innerJoin('organizations as o', 'o.id', 'r.organization_id')
        .leftJoin('licenses as l', 'l.id', 'r.license_id')
        .select(['r.id', 'r.slug', 'r.name', 'r.title', 'r.summary', 'r.family', 'o.name as organization', 'l.name as license'])
        .$if(ids !== undefined, (q) => q.where('r.id', 'in', ids!))
        .execute(),
      db
        .selectFrom('release_variants')
        .select(['release_id', 'name'])
        .$if(ids !== undefined, (q) => q.where('release_id', 'in', ids!))
        .orderBy('release_id')
        .orderBy('ordinal')
        .execute(),
    ]);
    const variantsOf = groupBy(variants, (x) => x.release_id);
    return releases.map((r) => ({
      slug: r.slug,
      title: r.name,
      parts: [r.title, r.summary, r.family, r.organization, r.license, ...(variantsOf.get(r.id) ?? []).map((x) => x.name)],
    }));
  },
  fetch: releaseBySlug,
});
