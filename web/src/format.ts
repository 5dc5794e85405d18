import type {
  AccessLevel,
  Availability,
  DatePrecision,
  OpenWeightsTreatment,
  PolicyActionKind,
  PolicyActionStatus,
  PolicyTopic,
  Stance,
} from './gql/graphql';

/*
 * Words for the schema's enums. `satisfies Record<...>` makes a new enum value in the
 * schema a build error here until it has a label.
 */

/** Most open first: the order of the colour key. */
export const ACCESS_LEVELS = {
  OPEN_SOURCE: { label: 'Open source', hint: 'OSI-approved license' },
  OPEN_WEIGHTS: { label: 'Open weights', hint: 'weights downloadable, license restricts use' },
  GATED_WEIGHTS: { label: 'Gated weights', hint: 'weights only after approval' },
  API: { label: 'API only', hint: 'programmatic access, no weights' },
  HOSTED: { label: 'Hosted only', hint: "only inside the maker's product" },
  CLOSED: { label: 'Closed', hint: 'not available outside' },
} as const satisfies Record<AccessLevel, { label: string; hint: string }>;

export const STANCES = { SUPPORTS: 'Supports', OPPOSES: 'Opposes', MIXED: 'Mixed on', NEUTRAL: 'Neutral on' } as const satisfies Record<
  Stance,
  string
>;

export const TOPICS = {
  OPEN_SOURCE_AI: 'open-source AI',
  AI_SAFETY: 'AI safety',
  AI_REGULATION: 'AI regulation',
  COMPETITION: 'competition',
  NATIONAL_SECURITY: 'national security',
} as const satisfies Record<PolicyTopic, string>;

export const ACTION_KINDS = {
  LAW: 'Law',
  BILL: 'Bill',
  EXECUTIVE_ORDER: 'Executive order',
  REGULATION: 'Regulation',
  GUIDANCE: 'Guidance',
  REPORT: 'Report',
  CONSULTATION: 'Consultation',
  DECLARATION: 'Declaration',
  VOLUNTARY_COMMITMENT: 'Voluntary commitments',
  STANDARD: 'Standard',
  COURT_RULING: 'Court ruling',
} as const satisfies Record<PolicyActionKind, string>;

export const ACTION_STATUSES = {
  PROPOSED: 'Proposed',
  ADOPTED: 'Adopted',
  IN_FORCE: 'In force',
  VETOED: 'Vetoed',
  WITHDRAWN: 'Withdrawn',
  REVOKED: 'Revoked',
  SUPERSEDED: 'Superseded',
  EXPIRED: 'Expired',
} as const satisfies Record<PolicyActionStatus, string>;

/** How a measure treats open weights, as a phrase: "Exempts open weights from some duties". */
export const OPEN_WEIGHTS = {
  SUPPORTS: 'Supports open weights',
  EXEMPTS: 'Exempts open weights from some duties',
  MONITORS: 'Monitors open weights',
  RESTRICTS: 'Restricts open weights',
  NOT_ADDRESSED: 'Does not address open weights',
} as const satisfies Record<OpenWeightsTreatment, string>;

/** How a component of a release can be had; the symbol repeats the word for the eye, beside the colour. */
export const AVAILABILITY = {
  OPEN: { label: 'Open', symbol: '●' },
  RESTRICTED: { label: 'Restricted', symbol: '◐' },
  CLOSED: { label: 'Closed', symbol: '○' },
  NOT_APPLICABLE: { label: 'Not applicable', symbol: '–' },
  UNKNOWN: { label: 'Unknown', symbol: '?' },
} as const satisfies Record<Availability, { label: string; symbol: string }>;

/** The components of a release's openness, in the API's order: the artifact, its code, its data, its documents. */
export const OPENNESS_COMPONENTS = [
  { key: 'weights', label: 'Weights' },
  { key: 'inferenceCode', label: 'Inference code' },
  { key: 'trainingCode', label: 'Training code' },
  { key: 'trainingData', label: 'Training data' },
  { key: 'dataCard', label: 'Data card' },
  { key: 'modelCard', label: 'Model card' },
  { key: 'paper', label: 'Paper' },
] as const;

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A date as precise as it is known: "23 Jul 2024", "Jan 2017" or "2017". */
export function formatDate(date: string, precision: DatePrecision | null | undefined): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (precision === 'YEAR') return String(d.getUTCFullYear());
  return (precision === 'MONTH' ? MONTH : DAY).format(d);
}

const SHORT_COUNT = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const LONG_COUNT = new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 });

/** 405000000000 -> "405B", 1230000000 -> "1.23B", 124000000 -> "124M". */
export function formatParameters(count: number | null | undefined): string {
  return count === null || count === undefined ? 'not published' : SHORT_COUNT.format(count);
}

/** 700000000 -> "700 million". */
export const formatCount = (count: number): string => LONG_COUNT.format(count);

/** "Meta Platforms, Inc." -> "Meta", "Google (Alphabet Inc.)" -> "Google": names that fit a label. */
export function shortName(name: string): string {
  return name
    .replace(/\s*\(.*\)$/, '')
    .replace(/,?\s+(Inc\.|Corporation)$/, '')
    .replace(/\s+Platforms$/, '');
}
