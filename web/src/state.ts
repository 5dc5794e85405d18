import type { TimelineEventType, TimelineFilter } from './gql/graphql';

/*
 * What the page shows, kept in the URL so a view can be shared. The filter parameters
 * are named as the export URLs name them, so the same query string feeds both.
 */

export type EventKind = 'release' | 'position';
export interface ViewState {
  /** Organization slugs, or every organization. */
  organizations: string[] | 'all';
  eventTypes: TimelineEventType[];
  openOnly: boolean;
  from: string | null;
  to: string | null;
  selected: { kind: EventKind; slug: string } | null;
  view: 'timeline' | 'list';
}

export const EVENT_TYPES: readonly TimelineEventType[] = ['RELEASE', 'POLICY_POSITION'];
/** Meta's view is the default. */
export const DEFAULT_ORGANIZATIONS = ['meta'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9-]+$/;

const list = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

export function readState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const orgs = q.get('organizations');
  const types = list(q.get('eventTypes'))
    .map((t) => t.toUpperCase())
    .filter((t): t is TimelineEventType => (EVENT_TYPES as string[]).includes(t));
  const date = (name: string) => (ISO_DATE.test(q.get(name) ?? '') ? q.get(name) : null);
  const release = q.get('release');
  const position = q.get('position');
  const selected =
    release && SLUG.test(release)
      ? { kind: 'release' as const, slug: release }
      : position && SLUG.test(position)
        ? { kind: 'position' as const, slug: position }
        : null;
  return {
    organizations: orgs === 'all' ? 'all' : list(orgs).length ? list(orgs) : DEFAULT_ORGANIZATIONS,
    eventTypes: types.length ? types : [...EVENT_TYPES],
    openOnly: q.get('openOnly') === 'true',
    from: date('from'),
    to: date('to'),
    selected,
    view: q.get('view') === 'list' ? 'list' : 'timeline',
  };
}

/** The filter part of the query string: what the export URLs take. */
export function filterParams(state: ViewState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.organizations !== 'all') q.set('organizations', state.organizations.join(','));
  if (state.eventTypes.length < EVENT_TYPES.length) q.set('eventTypes', state.eventTypes.join(','));
  if (state.openOnly) q.set('openOnly', 'true');
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  return q;
}

export function writeState(state: ViewState): string {
  const q = filterParams(state);
  if (state.organizations === 'all') q.set('organizations', 'all');
  if (state.selected) q.set(state.selected.kind, state.selected.slug);
  if (state.view === 'list') q.set('view', 'list');
  return q.toString().replace(/%2C/g, ',');
}

export function timelineFilter(state: ViewState): TimelineFilter {
  return {
    organizations: state.organizations === 'all' ? null : state.organizations,
    // Always the page's own kinds: the API has more kinds of event than the page has lanes.
    eventTypes: state.eventTypes,
    openOnly: state.openOnly || null,
    from: state.from,
    to: state.to,
  };
}

export const sameFilter = (a: ViewState, b: ViewState): boolean => filterParams(a).toString() === filterParams(b).toString();
