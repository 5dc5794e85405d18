import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AccessLevel, ArtifactType, Availability, DatePrecision, TimelineEventType } from '../domain/vocabulary';
import { AccessLevelEnum, ArtifactTypeEnum, AvailabilityEnum, DatePrecisionEnum, TimelineEventTypeEnum } from '../graphql/enums';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.type';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { TimelineEvent } from '../timeline/timeline-event.type';
import { COMPONENTS, WEIGHTS_DESCRIPTION } from './release.openness';

@ObjectType({
  simpleResolvers: true,
  description:
    "How open a model release is, component by component (after the Model Openness Framework): whether each could be had, and on what terms, on the release's date (later changes are told in the note).",
})
export class Openness {
  releaseId!: number;

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
      'Whether it meets the OSI Open Source AI Definition 1.0 (only with weights, inferenceCode and trainingCode OPEN); null while not assessed.',
  })
  meetsOsaid!: boolean | null;

  @Field(() => String, { nullable: true, description: "The terms, in the project's own words, and any later change to them." })
  note!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  implements: [Node, TimelineEvent],
  description: 'The release of a model, dataset or piece of software by an organization.',
})
export class Release extends TimelineEvent {
  licenseId!: number | null;
  predecessorId!: number | null;

  // The event fields that releases describe in their own words are redeclared here; a
  // class field that overrides an inherited one needs an initializer (the mappers set them all).
  @Field(() => TimelineEventTypeEnum, { description: 'Always `RELEASE`.' })
  override eventType: TimelineEventType = 'RELEASE';

  @Field(() => String, { description: 'Human-readable stable key, e.g. `llama-3-1`.' })
  override slug = '';

  @Field(() => String, { description: 'The artifact’s name, e.g. `Llama 3.1`.' })
  name!: string;

  @Field(() => ArtifactTypeEnum, { description: 'Model, dataset or software.' })
  artifactType!: ArtifactType;

  @Field(() => String, { nullable: true, description: 'The family of related releases, e.g. `Llama`.' })
  family!: string | null;

  @Field(() => DateScalar, { description: 'Public announcement date. Where weights shipped on another day, the summary says so.' })
  override date = '';

  @Field(() => AccessLevelEnum, {
    description: 'How the public can get at the artifact, judged by access and license terms, not by the announcement’s wording.',
  })
  accessLevel!: AccessLevel;

  @Field(() => Boolean, {
    description: 'True when outsiders can obtain the artifact itself: `GATED_WEIGHTS`, `OPEN_WEIGHTS` or `OPEN_SOURCE`.',
  })
  isOpen!: boolean;

  @Field(() => Openness, {
    nullable: true,
    description:
      'How open it is, component by component; null for software and datasets, where it does not apply, and for models not yet assessed.',
  })
  openness!: Openness | null;

  @Field(() => Int, { description: 'Incremented on every change to this record.' })
  override version = 0;
}

@ObjectType({ simpleResolvers: true, description: 'One size or variant of a released model, e.g. Llama 3.1 405B.' })
export class ModelVariant {
  @Field(() => String, { description: 'Variant name, e.g. `Llama 3.1 405B`.' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'Total parameters, where published.' })
  parameterCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Parameters active per token for mixture-of-experts models, where published.' })
  activeParameterCount!: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'When this variant came out, for a staged release (GPT-2 1.5B came months after the first sizes); null where it is the release’s date.',
  })
  date!: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `date` is known; null with it.' })
  datePrecision!: DatePrecision | null;

  @Field(() => AccessLevelEnum, {
    nullable: true,
    description: 'How the public can get at this variant; null where it is the release’s access level.',
  })
  accessLevel!: AccessLevel | null;
}

export const ReleaseConnection = Connection(Release, 'Release', 'A page of releases.');
