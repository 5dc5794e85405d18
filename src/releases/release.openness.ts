import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import type { UserError } from '../curation/user-error';
import type { ReleaseRow } from '../db/database';
import * as v from '../domain/vocabulary';
import type { Availability } from '../domain/vocabulary';
import { AvailabilityEnum } from '../graphql/enums';
import { dropNulls, foldSources, SourceInput, type Plain } from '../records/input-fields';
import { listName, type Rule } from '../records/kind';
import { compact, opt, optionalSources } from '../records/read-kit';
import { oneOf, sources, text } from '../seed/seed.fields';

/*
 * A release's openness by component (after the Model Openness Framework): its seed
 * format, mutation input, columns and rules. The columns are `releases.openness_*`, null
 * together for a release with none; its sources are citations in the list `openness.sources`.
 */

const availability = oneOf(v.Availabilities);

export const opennessSchema = z.strictObject({
  weights: availability,
  inferenceCode: availability,
  trainingCode: availability,
  trainingData: availability,
  dataCard: availability,
  modelCard: availability,
  paper: availability,
  meetsOsaid: z.boolean().optional(),
  note: text(1000).optional(),
  /** No sources is no list (the store keeps none and reads back none), so `[]` is refused as `relations: []` is. */
  sources: sources.min(1, 'leave sources out rather than listing none').optional(),
});
export type SeedOpenness = z.infer<typeof opennessSchema>;

/** Where the openness sources are in a release, and the name of their citation list. */
export const OPENNESS_SOURCES = ['openness', 'sources'] as const;
export const OPENNESS_LIST = listName(OPENNESS_SOURCES);

/** What each component is, for the input and the GraphQL type. */
export const COMPONENTS = {
  weights: 'The trained weights.',
  inferenceCode: 'The code to run the model.',
  trainingCode: 'The code used to train it.',
  trainingData: 'The training dataset itself.',
  dataCard: 'Documentation of the training data (a datasheet or data card).',
  modelCard: 'The model card.',
  paper: 'A technical report or paper.',
} as const;

export const WEIGHTS_DESCRIPTION = `${COMPONENTS.weights} Agrees with the release's access level: ${v.weightsRule()}.`;

@InputType({
  description:
    "How open a model release is, component by component (after the Model Openness Framework), on the release's date. For MODEL releases only.",
})
export class OpennessInput {
  @Field(() => AvailabilityEnum, { description: WEIGHTS_DESCRIPTION })
  weights!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.inferenceCode })
  inferenceCode!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.trainingCode })
  trainingCode!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.trainingData })
  trainingData!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.dataCard })
  dataCard!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.modelCard })
  modelCard!: Availability;

  @Field(() => AvailabilityEnum, { description: COMPONENTS.paper })
  paper!: Availability;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether it meets the OSI Open Source AI Definition 1.0 (true needs weights, inferenceCode and trainingCode OPEN); leave out when not assessed.',
  })
  meetsOsaid?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "What the terms were on the release's date, and any later change to them, in the project's own words.",
  })
  note?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: 'Sources for the assessment (license, model card, repository).' })
  sources?: SourceInput[] | null;
}

/** An `openness` input as seed format: nulls dropped, source dates folded, no sources as no list. */
export function opennessFromInput(given: unknown, errors: UserError[]): unknown {
  if (!given || typeof given !== 'object') return given;
  const value = dropNulls(given as Plain);
  if (Array.isArray(value.sources) && value.sources.length === 0) delete value.sources;
  if (value.sources) value.sources = foldSources(value.sources, ['input', ...OPENNESS_SOURCES], errors);
  return value;
}

/** The columns of a release's openness (all null for none). */
export function opennessColumns(o: SeedOpenness | undefined) {
  return {
    openness_weights: o?.weights ?? null,
    openness_inference_code: o?.inferenceCode ?? null,
    openness_training_code: o?.trainingCode ?? null,
    openness_training_data: o?.trainingData ?? null,
    openness_data_card: o?.dataCard ?? null,
    openness_model_card: o?.modelCard ?? null,
    openness_paper: o?.paper ?? null,
    openness_meets_osaid: o?.meetsOsaid ?? null,
    openness_note: o?.note ?? null,
  };
}

/** A stored release's openness in seed format, with its sources; undefined for none. */
export function readOpenness(r: ReleaseRow, cited: Map<number, SeedOpenness['sources']>): SeedOpenness | undefined {
  const present = presentOpenness(r);
  if (!present) return undefined;
  return compact({
    ...present,
    meetsOsaid: opt(r.openness_meets_osaid),
    note: opt(r.openness_note),
    sources: optionalSources(cited.get(r.id)),
  });
}

/** The seven components of a stored release, or null when it has no openness. */
export function presentOpenness(r: ReleaseRow) {
  if (r.openness_weights === null) return null;
  return {
    weights: r.openness_weights,
    inferenceCode: r.openness_inference_code!,
    trainingCode: r.openness_training_code!,
    trainingData: r.openness_training_data!,
    dataCard: r.openness_data_card!,
    modelCard: r.openness_model_card!,
    paper: r.openness_paper!,
  };
}

interface ReleaseLike {
  artifactType: v.ArtifactType;
  accessLevel: v.AccessLevel;
  openness?: SeedOpenness;
}

/**
 * The components the OSI Open Source AI Definition 1.0 requires under open terms: the
 * parameters and the complete code, to train and to run. Of the data it asks for detailed
 * information (`dataCard`), not for the training data itself to be open.
 */
export const OSAID_COMPONENTS = ['weights', 'inferenceCode', 'trainingCode'] as const;

/**
 * Openness describes a model at the release's own access level: only MODEL releases have
 * it, and its weights agree with that level (the one rule, `weightsFit`). A variant with
 * an access level of its own is outside it: the components are the release's. A release
 * meets the Open Source AI Definition only with every component it requires OPEN.
 */
export const opennessRules: ReadonlyArray<Rule<'releases'>> = [
  (r: ReleaseLike, _lookup, report) => {
    if (!r.openness) return;
    if (r.artifactType !== 'MODEL')
      return report(
        ['openness'],
        `is for models only: a ${r.artifactType} release has no openness by component; remove it (leave it out, or set openness: null in an update)`,
      );
    if (!v.weightsFit(r.accessLevel, r.openness.weights))
      report(
        ['openness', 'weights'],
        `is ${r.openness.weights}, which does not fit accessLevel ${r.accessLevel}: ${r.accessLevel} means weights ${v.WEIGHTS_BY_ACCESS_LEVEL[r.accessLevel].join(' or ')}`,
      );
    const o = r.openness;
    const short = OSAID_COMPONENTS.filter((c) => o[c] !== 'OPEN');
    if (o.meetsOsaid === true && short.length)
      report(
        ['openness', 'meetsOsaid'],
        `is true, but the Open Source AI Definition 1.0 requires the weights and the complete inference and training code under open terms, and ${short.map((c) => `${c} is ${o[c]}`).join(', ')}: set it false, or leave it out when not assessed`,
      );
  },
];
