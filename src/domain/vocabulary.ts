/*
 * The closed vocabularies of the data: one definition, used by the seed validator, the
 * database layer and the GraphQL enums, each value with the description clients see.
 */

function vocabulary<const T extends Record<string, string>>(values: T) {
  const keys = Object.keys(values) as Array<Extract<keyof T, string>>;
  return { values: keys as readonly Extract<keyof T, string>[], descriptions: values };
}

export const DatePrecisions = vocabulary({
  DAY: 'The exact day is known.',
  MONTH: 'Only the month is known; the date is the first of that month.',
  YEAR: 'Only the year is known; the date is 1 January of that year.',
});
export type DatePrecision = (typeof DatePrecisions.values)[number];

export const OrganizationKinds = vocabulary({
  COMPANY: 'A for-profit company.',
  NONPROFIT: 'A non-profit organization.',
  GOVERNMENT: 'A government body or agency.',
  ACADEMIC: 'A university or academic research institute.',
  STANDARDS_BODY: 'An organization that maintains standards or definitions, such as the Open Source Initiative.',
});
export type OrganizationKind = (typeof OrganizationKinds.values)[number];

export const AccessLevels = vocabulary({
  CLOSED: 'Not available outside the organization.',
  HOSTED: "Usable only inside the organization's own product.",
  API: 'Programmatic access through an API; the weights are not released.',
  GATED_WEIGHTS: 'Weights downloadable only after an application or approval, for example research-only access.',
  OPEN_WEIGHTS: 'Weights freely downloadable under a license with use restrictions (not OSI-approved).',
  OPEN_SOURCE: 'Released under an OSI-approved license.',
});
export type AccessLevel = (typeof AccessLevels.values)[number];
/** Access levels that put the artifact itself in outsiders' hands. */
export const OPEN_ACCESS_LEVELS: readonly AccessLevel[] = ['GATED_WEIGHTS', 'OPEN_WEIGHTS', 'OPEN_SOURCE'];
export const isOpenAccess = (level: AccessLevel): boolean => OPEN_ACCESS_LEVELS.includes(level);

export const ArtifactTypes = vocabulary({
  MODEL: 'A trained model (weights, or a model served through an API).',
  DATASET: 'A dataset.',
  SOFTWARE: 'A software library or tool.',
});
export type ArtifactType = (typeof ArtifactTypes.values)[number];

export const Modalities = vocabulary({
  TEXT: 'Natural-language text.',
  IMAGE: 'Images.',
  AUDIO: 'Audio or speech.',
  VIDEO: 'Video.',
  CODE: 'Source code.',
});
export type Modality = (typeof Modalities.values)[number];

export const PolicyTopics = vocabulary({
  OPEN_SOURCE_AI: 'Whether and how AI models should be released openly.',
  AI_SAFETY: 'Risks from AI systems and how to reduce them.',
  AI_REGULATION: 'Laws and rules governing AI.',
  COMPETITION: 'Market power and competition in AI.',
  NATIONAL_SECURITY: 'AI and national or geopolitical security.',
});
export type PolicyTopic = (typeof PolicyTopics.values)[number];

export const Stances = vocabulary({
  SUPPORTS: "In favour of the topic's proposition (for OPEN_SOURCE_AI: in favour of open releases).",
  OPPOSES: "Against the topic's proposition.",
  MIXED: 'Partly for and partly against, or conditional support.',
  NEUTRAL: 'Describes or defines without taking a side.',
});
export type Stance = (typeof Stances.values)[number];

export const TimelineEventTypes = vocabulary({
  RELEASE: 'A release of a model, dataset or software.',
  POLICY_POSITION: 'A public policy position taken by a person or organization.',
});
export type TimelineEventType = (typeof TimelineEventTypes.values)[number];

export const OrderDirections = vocabulary({
  ASC: 'Oldest (or smallest) first.',
  DESC: 'Newest (or largest) first.',
});
export type OrderDirection = (typeof OrderDirections.values)[number];

export const ChangeOperations = vocabulary({
  CREATE: 'A curator created the record.',
  UPDATE: 'A curator changed the record (its fields or its sources).',
  DELETE: 'A curator deleted the record.',
  SEED: 'Seeding from the `seed/` files inserted or rewrote the record.',
});
export type ChangeOperation = (typeof ChangeOperations.values)[number];

/** What a live update says happened to an existing timeline event. */
export const TimelineChangeOperations = vocabulary({
  UPDATED: 'A curator corrected or amended the event; `event` is the event as it is now.',
  DELETED: 'A curator removed the event; `event` and `version` are null.',
});
export type TimelineChangeOperation = (typeof TimelineChangeOperations.values)[number];

export const RecordTypes = vocabulary({
  ORGANIZATION: 'An Organization.',
  PERSON: 'A Person.',
  LICENSE: 'A License.',
  RELEASE: 'A Release.',
  POLICY_POSITION: 'A PolicyPosition.',
});
export type RecordType = (typeof RecordTypes.values)[number];
