import { isIsoDate } from '../domain/dates';
import { AccessLevels, PolicyTopics, TimelineEventTypes } from '../domain/vocabulary';
import { checkDateRange } from '../graphql/date-range';
import { badArgument } from '../graphql/errors';
import type { TimelineFilter } from '../timeline/timeline.inputs';

/*
 * The export URLs take the fields of `TimelineFilter` as query parameters. Lists come
 * comma-separated (`organizations=meta,openai`), repeated, or both; enum values in any
 * case. A mistake is a BAD_USER_INPUT error naming the parameter, as in GraphQL.
 */

export type Query = Record<string, string | string[] | undefined>;

const ENUM_LISTS = {
  eventTypes: TimelineEventTypes.values,
  accessLevels: AccessLevels.values,
  topics: PolicyTopics.values,
} as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const EXPORT_PARAMETERS = ['organizations', ...Object.keys(ENUM_LISTS), 'openOnly', 'from', 'to'] as const;

function list(query: Query, name: string): string[] | null {
  const raw = query[name];
  if (raw === undefined) return null;
  const values = [raw].flat().flatMap((v) => v.split(',')).map((v) => v.trim());
  if (values.some((v) => v === '')) throw badArgument(name, 'has an empty value; give one or more values separated by commas.');
  return values;
}

function single(query: Query, name: string): string | null {
  const raw = query[name];
  if (Array.isArray(raw)) throw badArgument(name, 'is given more than once.');
  return raw ?? null;
}

function enumList<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | null {
  const values = list(query, name)?.map((v) => v.toUpperCase());
  const unknown = values?.filter((v) => !(allowed as readonly string[]).includes(v)) ?? [];
  if (unknown.length) throw badArgument(name, `unknown value(s) ${unknown.map((v) => JSON.stringify(v)).join(', ')}; expected ${allowed.join(', ')}.`);
  return values as T[] | null;
}

function date(query: Query, name: 'from' | 'to'): string | null {
  const value = single(query, name);
  if (value !== null && !isIsoDate(value)) throw badArgument(name, `${JSON.stringify(value)} is not a date; write YYYY-MM-DD, e.g. 2023-07-18.`);
  return value;
}

function bool(query: Query, name: string): boolean | null {
  const value = single(query, name);
  if (value === null) return null;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badArgument(name, `${JSON.stringify(value)} is not a boolean; write true or false.`);
}

/** Query parameters as a timeline filter; unknown parameters are refused rather than ignored. */
export function parseExportFilter(query: Query): TimelineFilter {
  const extra = Object.keys(query).filter((k) => !(EXPORT_PARAMETERS as readonly string[]).includes(k));
  if (extra.length) throw badArgument(extra[0], `is not a parameter of this export; use ${EXPORT_PARAMETERS.join(', ')}.`);
  const organizations = list(query, 'organizations');
  const badSlug = organizations?.find((s) => !SLUG.test(s));
  if (badSlug !== undefined) throw badArgument('organizations', `${JSON.stringify(badSlug)} is not an organization slug such as "meta".`);
  const filter: TimelineFilter = {
    organizations,
    eventTypes: enumList(query, 'eventTypes', ENUM_LISTS.eventTypes),
    accessLevels: enumList(query, 'accessLevels', ENUM_LISTS.accessLevels),
    topics: enumList(query, 'topics', ENUM_LISTS.topics),
    openOnly: bool(query, 'openOnly'),
    from: date(query, 'from'),
    to: date(query, 'to'),
  };
  checkDateRange(filter, 'from');
  return filter;
}
