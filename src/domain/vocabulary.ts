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
  INTERGOVERNMENTAL: 'A body of several governments, such as the OECD, the G7 or a summit of states.',
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

/** Whether one component of a release can be had, and on what terms (after the Model Openness Framework). */
export const Availabilities = vocabulary({
  OPEN: 'Available under OSI-approved or equivalent open terms (for data and documents: an open license such as CC BY, or public release without use restrictions).',
  RESTRICTED: 'Available, but with use restrictions, a user cap, or an approval or gating step.',
  CLOSED: 'Not released.',
  NOT_APPLICABLE: 'The component does not exist for this release.',
  UNKNOWN: 'Could not be determined.',
});
export type Availability = (typeof Availabilities.values)[number];

/**
 * What a release's access level says about its weights: the one statement of the rule
 * tying `accessLevel` to `openness.weights`, read by the seed check and the mutations
 * (through the release kind's rules) and by the descriptions that state it.
 */
export const WEIGHTS_BY_ACCESS_LEVEL: Readonly<Record<AccessLevel, readonly Availability[]>> = {
  OPEN_SOURCE: ['OPEN'],
  OPEN_WEIGHTS: ['OPEN', 'RESTRICTED'],
  GATED_WEIGHTS: ['RESTRICTED'],
  CLOSED: ['CLOSED'],
  HOSTED: ['CLOSED'],
  API: ['CLOSED'],
};
export const weightsFit = (level: AccessLevel, weights: Availability): boolean => WEIGHTS_BY_ACCESS_LEVEL[level].includes(weights);
/** The rule in words: "OPEN_SOURCE: OPEN; OPEN_WEIGHTS: OPEN or RESTRICTED; ...". */
export const weightsRule = (): string =>
  AccessLevels.values
    .slice()
    .reverse()
    .map((level) => `${level}: ${WEIGHTS_BY_ACCESS_LEVEL[level].join(' or ')}`)
    .join('; ');

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

/**
 * Each description states the one proposition that a position's `stance` is taken toward,
 * and nothing else: SUPPORTS means for that proposition, OPPOSES against it.
 */
export const PolicyTopics = vocabulary({
  OPEN_SOURCE_AI:
    'Proposition: capable AI models should be released openly, with their weights downloadable by anyone, ' +
    'and ideally their code, training data details and technical documentation published too.',
  AI_SAFETY:
    'Proposition: the most capable AI systems can cause serious harm (misuse such as help with weapons or ' +
    'cyberattacks, accidents, loss of control), so their developers should test them and put safeguards in place ' +
    'before release, holding back what they cannot make safe. Whether open release is itself safer is an ' +
    'OPEN_SOURCE_AI question.',
  AI_REGULATION:
    'Proposition: governments should regulate AI developers by law, placing binding duties, in statute or ' +
    'regulation, on those who build or release AI models.',
  COMPETITION:
    'Proposition: a few firms hold too much power over AI (models, compute, data or distribution), and ' +
    'competition authorities or lawmakers should act to keep the market open to rivals.',
  NATIONAL_SECURITY:
    "Proposition: releasing capable AI models openly serves a nation's security better than keeping their " +
    'weights closed; SUPPORTS means open models strengthen national security, OPPOSES that security calls for ' +
    'restricting or guarding them.',
});
export type PolicyTopic = (typeof PolicyTopics.values)[number];

export const Stances = vocabulary({
  SUPPORTS: "For the topic's proposition.",
  OPPOSES: "Against the topic's proposition.",
  MIXED: "Partly for and partly against the topic's proposition, or for it only under conditions.",
  NEUTRAL: "Takes no side on the topic's proposition: describes, reports or defines.",
});
export type Stance = (typeof Stances.values)[number];

export const PolicyActionKinds = vocabulary({
  LAW: 'A statute or act passed by a legislature and enacted.',
  BILL: 'A proposed law before a legislature.',
  EXECUTIVE_ORDER: 'An order issued by a head of government or state under executive power.',
  REGULATION: 'A binding rule made by a regulator or under delegated power.',
  GUIDANCE: 'Non-binding guidance, a framework or a code of practice from a public body.',
  REPORT: 'A report or study published by a public body.',
  CONSULTATION: 'A call for comments or evidence from a public body.',
  DECLARATION: 'A joint statement signed by several governments or organizations, such as a summit declaration.',
  VOLUNTARY_COMMITMENT: 'Commitments that companies made to a government or a summit, without legal force.',
  STANDARD: 'A technical standard published by a standards or public body.',
  COURT_RULING: 'A decision of a court.',
});
export type PolicyActionKind = (typeof PolicyActionKinds.values)[number];

export const PolicyActionStatuses = vocabulary({
  PROPOSED: 'Proposed or under consideration, not yet adopted.',
  ADOPTED: 'Adopted, signed or published, but not (yet) in force or binding.',
  IN_FORCE: 'In force: it applies now, at least in part.',
  VETOED: 'Passed by a legislature and vetoed.',
  WITHDRAWN: 'Withdrawn by whoever proposed it before adoption.',
  REVOKED: 'Revoked or repealed after adoption.',
  SUPERSEDED: 'Replaced by a later measure.',
  EXPIRED: 'No longer applies because its term ended.',
});
export type PolicyActionStatus = (typeof PolicyActionStatuses.values)[number];

export const OpenWeightsTreatments = vocabulary({
  SUPPORTS: 'Encourages or protects the open release of model weights.',
  EXEMPTS: 'Exempts openly released models from some of its duties.',
  MONITORS: 'Calls for watching or studying open-weight models before deciding on them.',
  RESTRICTS: 'Limits or adds duties to the open release of model weights.',
  NOT_ADDRESSED: 'Does not speak to openly released weights.',
});
export type OpenWeightsTreatment = (typeof OpenWeightsTreatments.values)[number];

/** Where a policy action applies, ISO 3166 style; each value's description is the name shown. */
export const Jurisdictions = vocabulary({
  US: 'United States',
  'US-CA': 'California',
  'US-CO': 'Colorado',
  'US-NY': 'New York',
  EU: 'European Union',
  GB: 'United Kingdom',
  FR: 'France',
  DE: 'Germany',
  IT: 'Italy',
  JP: 'Japan',
  KR: 'South Korea',
  CN: 'China',
  IN: 'India',
  CA: 'Canada',
  BR: 'Brazil',
  INTL: 'International (summits and intergovernmental bodies)',
});
export type Jurisdiction = (typeof Jurisdictions.values)[number];

export const TimelineEventTypes = vocabulary({
  RELEASE: 'A release of a model, dataset or software.',
  POLICY_POSITION: 'A public policy position taken by a person or organization.',
  POLICY_ACTION: 'Something a government, legislature, regulator, court or intergovernmental body did.',
});
export type TimelineEventType = (typeof TimelineEventTypes.values)[number];

/** How one timeline event relates to another; read "the source REVOKES the target". */
export const RelationTypes = vocabulary({
  REVOKES: 'The event revokes or rescinds the other, e.g. an executive order revoking an earlier one.',
  AMENDS: 'The event amends the other, e.g. a law changing an earlier law.',
  IMPLEMENTS: 'The event carries out the other, e.g. a consultation held under an executive order.',
  SUPERSEDES: 'The event replaces the other, e.g. a final code of practice replacing a draft.',
  RESPONDS_TO: "The event answers the other, e.g. a company's refusal to sign a code of practice.",
  BASED_ON: 'The event builds on the other, e.g. a model trained further from an earlier one.',
});
export type RelationType = (typeof RelationTypes.values)[number];

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
  POLICY_ACTION: 'A PolicyAction.',
});
export type RecordType = (typeof RecordTypes.values)[number];
