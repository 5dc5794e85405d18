import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { DatePrecision } from '../domain/vocabulary';
import {
  AccessLevelEnum,
  ArtifactTypeEnum,
  DatePrecisionEnum,
  ModalityEnum,
  OrganizationKindEnum,
  PolicyTopicEnum,
  StanceEnum,
} from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';
import { withArticle } from '../graphql/article';

/*
 * Mutation inputs. Field names are the seed file's keys (a record written here is
 * checked by the same rules as a seed file), plus a `...Precision` beside each date.
 * Create inputs are built from one field list per record kind; the update input is the
 * same list made optional (minus the slug, which never changes) plus `id` and `version`.
 */

type TypeFn = () => unknown;
interface FieldSpec {
  type: TypeFn;
  description: string;
  /** Required when creating (every field is optional in an update). */
  required?: boolean;
  /** Required in an update too (the record's id and version). */
  always?: boolean;
}
type Fields = Record<string, FieldSpec>;

/** Declares a GraphQL input class from a field list (the decorators type-graphql would apply by hand). */
function inputClass(name: string, description: string, fields: Fields, partial: boolean): new () => object {
  const cls = { [name]: class {} }[name]!;
  for (const [key, spec] of Object.entries(fields)) {
    Field(spec.type as never, { nullable: !spec.required || (partial && !spec.always), description: spec.description })(cls.prototype, key);
  }
  InputType(name, { description })(cls);
  return cls;
}

const precision = (of: string): FieldSpec => ({
  type: () => DatePrecisionEnum,
  description: `How much of ${of} is known: DAY (the default), MONTH or YEAR. With MONTH or YEAR give the first day of the period, e.g. 2017-01-01 for "January 2017".`,
});

@InputType({
  description:
    'A source for a fact: where a curator can check it. A URL already cited elsewhere must keep its details; fields left out take the stored ones.',
})
export class SourceInput {
  @Field(() => String, { description: 'Absolute http(s) URL of the source.' })
  url!: string;

  @Field(() => String, { description: 'The title as the source gives it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Who published it, e.g. "Meta AI" or "The Verge".' })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was published.' })
  publishedOn?: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `publishedOn` is known (DAY when left out).' })
  publishedOnPrecision?: DatePrecision | null;
}

@InputType({ description: 'One size or edition of a model, e.g. "405B".' })
export class ModelVariantInput {
  @Field(() => String, { description: 'The variant\'s name, e.g. "Llama 3.1 405B".' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'Total parameters, e.g. 405000000000. Leave out when not published.' })
  parameterCount?: number | null;

  @Field(() => Float, { nullable: true, description: 'Parameters active per token, for mixture-of-experts models.' })
  activeParameterCount?: number | null;
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

@InputType({ description: 'Who took a position: exactly one of `person` or `organization`.' })
export class ActorInput {
  @Field(() => String, { nullable: true, description: 'Slug of the person who said it.' })
  person?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the organization that said it (no single speaker).' })
  organization?: string | null;
}

const slugField: FieldSpec = {
  type: () => String,
  required: true,
  description: 'Lowercase-hyphenated key, unique among records of this kind, e.g. "llama-3-1". It never changes.',
};
const sourcesField = (required: boolean): FieldSpec => ({
  type: () => [SourceInput],
  required,
  description: required
    ? 'Sources for the record, at least one. In an update, the new full list.'
    : 'Sources for the record. In an update, the new full list.',
});
const reasonField: FieldSpec = { type: () => String, description: 'Why the change is made; kept in the history with the change.' };

export const RECORD_FIELDS = {
  organizations: {
    name: { type: () => String, required: true, description: 'Display name, e.g. "Meta Platforms".' },
    kind: { type: () => OrganizationKindEnum, required: true, description: 'What sort of organization it is.' },
    description: { type: () => String, description: "A short description in the project's own words." },
    website: { type: () => String, description: 'Home page, an absolute http(s) URL.' },
    stockTicker: { type: () => String, description: 'EXCHANGE:TICKER, e.g. "NASDAQ:META".' },
    businessModel: { type: () => String, description: 'How it makes money, e.g. "Advertising".' },
    sources: sourcesField(false),
  },
  people: {
    name: { type: () => String, required: true, description: 'Full name.' },
    description: { type: () => String, description: "A short description in the project's own words." },
    roles: { type: () => [RoleInput], required: true, description: 'Roles held, at least one. In an update, the new full list.' },
    sources: sourcesField(false),
  },
  licenses: {
    name: { type: () => String, required: true, description: 'Display name, e.g. "Llama 3.1 Community License".' },
    spdxId: { type: () => String, description: 'SPDX identifier, e.g. "Apache-2.0", when it has one.' },
    url: { type: () => String, description: 'Where the license text is published.' },
    osiApproved: { type: () => Boolean, required: true, description: 'True when the Open Source Initiative approved it.' },
    allowsCommercialUse: {
      type: () => Boolean,
      required: true,
      description: 'True when commercial use is allowed (perhaps with conditions).',
    },
    userThreshold: { type: () => Float, description: 'Monthly-active-user cap above which a separate license is needed, e.g. 700000000.' },
    restrictions: { type: () => [String], description: 'The main restrictions, one per item. In an update, the new full list.' },
    sources: sourcesField(false),
  },
  releases: {
    name: { type: () => String, required: true, description: 'The artifact\'s name, e.g. "Llama 3.1".' },
    title: { type: () => String, description: "A headline for the timeline in the project's own words; the name when left out." },
    artifactType: { type: () => ArtifactTypeEnum, required: true, description: 'Model, dataset or software.' },
    family: { type: () => String, description: 'The family it belongs to, e.g. "Llama".' },
    organization: { type: () => String, required: true, description: 'Slug of the organization that released it.' },
    date: { type: () => DateScalar, required: true, description: 'The public announcement date.' },
    datePrecision: { ...precision('the date'), required: true },
    summary: { type: () => String, description: "What was released and how open it is, in the project's own words." },
    accessLevel: {
      type: () => AccessLevelEnum,
      required: true,
      description: 'How the public can get at it; OPEN_SOURCE needs an OSI-approved license.',
    },
    license: { type: () => String, description: 'Slug of the license it was released under.' },
    variants: { type: () => [ModelVariantInput], description: 'Sizes or editions. In an update, the new full list.' },
    modalities: { type: () => [ModalityEnum], description: 'Kinds of data it handles. In an update, the new full list.' },
    predecessor: { type: () => String, description: 'Slug of the release it follows.' },
    comparedWith: {
      type: () => [String],
      description: 'Slugs of the releases it was compared with at launch. In an update, the new full list.',
    },
    sources: sourcesField(true),
  },
  policyPositions: {
    title: { type: () => String, required: true, description: "A headline in the project's own words." },
    date: { type: () => DateScalar, required: true, description: 'When the position was taken.' },
    datePrecision: { ...precision('the date'), required: true },
    summary: { type: () => String, description: "The position and its arguments, in the project's own words." },
    actor: { type: () => ActorInput, required: true, description: 'Who took it.' },
    organization: { type: () => String, required: true, description: 'Slug of the organization they spoke for.' },
    topic: { type: () => PolicyTopicEnum, required: true, description: 'What it is about.' },
    stance: { type: () => StanceEnum, required: true, description: 'Where it stands.' },
    quote: { type: () => String, description: 'A short, exact quote, attributed and sourced.' },
    arguments: { type: () => [String], description: 'The arguments made, e.g. "democratization". In an update, the new full list.' },
    sources: sourcesField(true),
  },
} satisfies Record<string, Fields>;

export type InputKind = keyof typeof RECORD_FIELDS;
const NAMES: Record<InputKind, string> = {
  organizations: 'Organization',
  people: 'Person',
  licenses: 'License',
  releases: 'Release',
  policyPositions: 'PolicyPosition',
};

function inputsFor(kind: InputKind) {
  const name = NAMES[kind];
  const fields: Fields = RECORD_FIELDS[kind];
  const idField: FieldSpec = { type: () => ID, required: true, always: true, description: `Global id of the ${name} (its \`id\` field).` };
  const versionField: FieldSpec = {
    type: () => Int,
    required: true,
    always: true,
    description: 'The `version` you read. If the record changed since, nothing is written and a CONFLICT error gives the current version.',
  };
  return {
    create: inputClass(
      `Create${name}Input`,
      `A new ${name}, checked by the same rules as a seed file.`,
      { slug: slugField, ...fields, reason: reasonField },
      false,
    ),
    update: inputClass(
      `Update${name}Input`,
      `Changes to ${withArticle(name)}: fields left out stay as they are; null clears an optional field.`,
      { id: idField, version: versionField, ...fields, reason: reasonField },
      true,
    ),
    remove: inputClass(
      `Delete${name}Input`,
      `Which ${name} to delete; refused while other records refer to it.`,
      { id: idField, version: versionField, reason: reasonField },
      false,
    ),
  };
}

/** Each kind's create, update and delete inputs. Importing this module declares them. */
export const INPUTS = {
  organizations: inputsFor('organizations'),
  people: inputsFor('people'),
  licenses: inputsFor('licenses'),
  releases: inputsFor('releases'),
  policyPositions: inputsFor('policyPositions'),
};

@InputType({ description: 'Cites one more source for a release or policy position.' })
export class AddEventSourceInput {
  @Field(() => ID, { description: 'Global id of the release or policy position.' })
  eventId!: string;

  @Field(() => Int, { description: 'The `version` of the event you read.' })
  version!: number;

  @Field(() => SourceInput, { description: 'The source to add, after the existing ones.' })
  source!: SourceInput;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  reason?: string | null;
}

@InputType({ description: 'Stops citing a source for a release or policy position; the last source cannot be removed.' })
export class RemoveEventSourceInput {
  @Field(() => ID, { description: 'Global id of the release or policy position.' })
  eventId!: string;

  @Field(() => Int, { description: 'The `version` of the event you read.' })
  version!: number;

  @Field(() => ID, { nullable: true, description: 'Global id of the source (its `id` field). Give this or `url`.' })
  sourceId?: string | null;

  @Field(() => String, { nullable: true, description: 'URL of the source. Give this or `sourceId`.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; kept in the history.' })
  reason?: string | null;
}
