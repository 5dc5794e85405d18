import { isIsoDate } from '../domain/dates';
import { SLUG } from '../domain/slugs';
import { AccessLevels, PolicyActionKinds, PolicyTopics, TimelineEventTypes } from '../domain/vocabulary';
import { checkDateRange } from '../graphql/date-range';
import { badArgument } from '../graphql/errors';
import { echo, echoList } from '../graphql/echo';
import type { TimelineFilter } from '../timeline/timeline.inputs';

/*
 * The export URLs take the fields of `TimelineFilter` as query parameters. Lists come
 * comma-separated (`organizations=meta,openai`), repeated, or both; enum values in any
 * case. A mistake is a BAD_USER_INPUT error naming the parameter, as in GraphQL.
 */

export type Query = Record<string, string | string[] | undefined>;

const ENUM_LISTS = {
  organizationsApplyTo: TimelineEventTypes.values,
  eventTypes: TimelineEventTypes.values,
  accessLevels: AccessLevels.values,
  topics: PolicyTopics.values,
  policyActionKinds: PolicyActionKinds.values,
} as const;
export const EXPORT_PARAMETERS = ['organizations', ...Object.keys(ENUM_LISTS), 'jurisdictions', 'openOnly', 'from', 'to'] as const;

/** A list parameter: capped like a GraphQL list argument (MAX_LIST_ITEMS), repeated values counted once. */
function list(query: Query, name: string, maxItems: number): string[] | null {
  const raw = query[name];
  if (raw === undefined) return null;
  const values = [raw]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim());
  if (values.some((v) => v === '')) throw badArgument(name, 'has an empty value; give one or more values separated by commas.');
  const unique = [...new Set(values)];
  if (unique.length > maxItems) throw badArgument(name, `has ${unique.length} values; a list takes at most ${maxItems} (MAX_LIST_ITEMS).`);
  return unique;
}

function single(query: Query, name: string): string | null {
  const raw = query[name];
  if (Array.isArray(raw)) throw badArgument(name, 'is given more than once.');
  return raw ?? null;
}

function enumList<T extends string>(query: Query, name: string, allowed: readonly T[], maxItems: number): T[] | null {
  const values = list(query, name, maxItems)?.map((v) => v.toUpperCase());
  const unknown = values?.filter((v) => !(allowed as readonly string[]).includes(v)) ?? [];
  if (unknown.length) throw badArgument(name, `unknown value(s) ${echoList(unknown)}; expected ${allowed.join(', ')}.`);
  return values as T[] | null;
}

function date(query: Query, name: 'from' | 'to'): string | null {
  const value = single(query, name);
  if (value !== null && !isIsoDate(value)) throw badArgument(name, `${echo(value)} is not a date; write YYYY-MM-DD, e.g. 2023-07-18.`);
  return value;
}

function bool(query: Query, name: string): boolean | null {
  const value = single(query, name);
  if (value === null) return null;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badArgument(name, `${echo(value)} is not a boolean; write true or false.`);
}

/** Query parameters as a timeline filter; unknown parameters are refused rather than ignored. */
export function parseExportFilter(query: Query, maxItems: number): TimelineFilter {
  const extra = Object.keys(query).filter((k) => !(EXPORT_PARAMETERS as readonly string[]).includes(k));
  if (extra.length) throw badArgument(extra[0].slice(0, 80), `is not a parameter of this export; use ${EXPORT_PARAMETERS.join(', ')}.`);
  const organizations = list(query, 'organizations', maxItems);
  const badSlug = organizations?.find((s) => !SLUG.test(s));
  if (badSlug !== undefined) throw badArgument('organizations', `${echo(badSlug)} is not an organization slug such as "meta".`);
  const filter: TimelineFilter = {
    organizations,
    organizationsApplyTo: enumList(query, 'organizationsApplyTo', ENUM_LISTS.organizationsApplyTo, maxItems),
    eventTypes: enumList(query, 'eventTypes', ENUM_LISTS.eventTypes, maxItems),
    accessLevels: enumList(query, 'accessLevels', ENUM_LISTS.accessLevels, maxItems),
    topics: enumList(query, 'topics', ENUM_LISTS.topics, maxItems),
    policyActionKinds: enumList(query, 'policyActionKinds', ENUM_LISTS.policyActionKinds, maxItems),
    // Codes are checked against the closed list with the rest of the filter, as in GraphQL.
    jurisdictions: list(query, 'jurisdictions', maxItems)?.map((code) => code.toUpperCase()) ?? null,
    openOnly: bool(query, 'openOnly'),
    from: date(query, 'from'),
    to: date(query, 'to'),
  };
  checkDateRange(filter, 'from');
  return filter;
}
