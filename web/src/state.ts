import type { TimelineEventType, TimelineFilter } from './gql/graphql';

/*
 * What the page shows, kept in the URL so a view can be shared. The filter parameters
 * are named as the export URLs name them, so the same query string feeds both.
 */

export type EventKind = 'release' | 'position' | 'action';
/** Whole years the timeline fits to its width, both included. */
export interface YearRange {
  from: number;
  to: number;
}
/** How the year axis shares out its width: every year alike, or by how many events each has. */
export type Scale = 'even' | 'events';
export interface ViewState {
  /** Organization slugs, or every organization: whose releases and positions are shown. */
  organizations: string[] | 'all';
  eventTypes: TimelineEventType[];
  /** Jurisdiction codes, or every jurisdiction: which policy actions are shown. */
  jurisdictions: string[] | 'all';
  openOnly: boolean;
  from: string | null;
  to: string | null;
  selected: { kind: EventKind; slug: string } | null;
  view: 'timeline' | 'list';
  /** The years the timeline fits to its width (the others are a scroll away); null for all of them. */
  zoom: YearRange | null;
  scale: Scale;
}

export const EVENT_TYPES: readonly TimelineEventType[] = ['RELEASE', 'POLICY_POSITION', 'POLICY_ACTION'];
export const KIND_OF_TYPE = { RELEASE: 'release', POLICY_POSITION: 'position', POLICY_ACTION: 'action' } as const satisfies Record<
  TimelineEventType,
  EventKind
>;
/** The URL parameter that names a selected event of each kind. */
const KINDS = Object.values(KIND_OF_TYPE);
/** Meta's view is the default. */
export const DEFAULT_ORGANIZATIONS = ['meta'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9-]+$/;
/** ISO 3166 style: US, US-CA, EU; INTL for summits. The service says which it knows. */
const JURISDICTION = /^[A-Z]{2,4}(-[A-Z0-9]{1,3})?$/;
const ZOOM = /^(\d{4})(?:-(\d{4}))?$/;

const list = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

function readZoom(value: string | null): YearRange | null {
  const m = ZOOM.exec(value ?? '');
  if (!m) return null;
  const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
  return from <= to ? { from, to } : null;
}

export function readState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const orgs = q.get('organizations');
  const types = list(q.get('eventTypes'))
    .map((t) => t.toUpperCase())
    .filter((t): t is TimelineEventType => (EVENT_TYPES as string[]).includes(t));
  const jurisdictions = list(q.get('jurisdictions'))
    .map((j) => j.toUpperCase())
    .filter((j) => JURISDICTION.test(j));
  const date = (name: string) => (ISO_DATE.test(q.get(name) ?? '') ? q.get(name) : null);
  const selectedKind = KINDS.find((kind) => SLUG.test(q.get(kind) ?? ''));
  return {
    organizations: orgs === 'all' ? 'all' : list(orgs).length ? list(orgs) : DEFAULT_ORGANIZATIONS,
    eventTypes: types.length ? EVENT_TYPES.filter((t) => types.includes(t)) : [...EVENT_TYPES],
    jurisdictions: jurisdictions.length ? [...new Set(jurisdictions)] : 'all',
    openOnly: q.get('openOnly') === 'true',
    from: date('from'),
    to: date('to'),
    selected: selectedKind ? { kind: selectedKind, slug: q.get(selectedKind)! } : null,
    view: q.get('view') === 'list' ? 'list' : 'timeline',
    zoom: readZoom(q.get('zoom')),
    scale: q.get('scale') === 'events' ? 'events' : 'even',
  };
}

/** The filter part of the page's query string. */
export function filterParams(state: ViewState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.organizations !== 'all') q.set('organizations', state.organizations.join(','));
  if (state.eventTypes.length < EVENT_TYPES.length) q.set('eventTypes', state.eventTypes.join(','));
  if (state.jurisdictions !== 'all') q.set('jurisdictions', state.jurisdictions.join(','));
  if (state.openOnly) q.set('openOnly', 'true');
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  return q;
}

const commas = (q: URLSearchParams) => q.toString().replace(/%2C/g, ',');

export function writeState(state: ViewState): string {
  const q = filterParams(state);
  if (state.organizations === 'all') q.set('organizations', 'all');
  if (state.selected) q.set(state.selected.kind, state.selected.slug);
  if (state.view === 'list') q.set('view', 'list');
  if (state.zoom) q.set('zoom', `${state.zoom.from}-${state.zoom.to}`);
  if (state.scale === 'events') q.set('scale', 'events');
  return commas(q);
}

/** The kinds the organization filter narrows: policy actions go by jurisdiction instead. */
export const ORGANIZATION_KINDS: readonly TimelineEventType[] = EVENT_TYPES.filter((t) => t !== 'POLICY_ACTION');

/**
 * What the page asks the timeline for. The organization filter picks whose releases and
 * positions are shown (`organizationsApplyTo`); policy actions are narrowed by
 * jurisdiction only.
 */
export function timelineFilter(state: ViewState): TimelineFilter {
  const actions = state.eventTypes.includes('POLICY_ACTION');
  return {
    organizations: state.organizations === 'all' ? null : state.organizations,
    organizationsApplyTo: state.organizations !== 'all' && actions ? [...ORGANIZATION_KINDS] : null,
    eventTypes: state.eventTypes,
    jurisdictions: actions && state.jurisdictions !== 'all' ? state.jurisdictions : null,
    openOnly: state.openOnly || null,
    from: state.from,
    to: state.to,
  };
}

/** The export URLs' query string for the filter the page sends: the download is what the page shows. */
export function exportQuery(filter: TimelineFilter): string {
  const q = new URLSearchParams();
  const set = (name: string, value: readonly string[] | string | null | undefined) => {
    if (value && value.length) q.set(name, typeof value === 'string' ? value : value.join(','));
  };
  set('organizations', filter.organizations);
  set('organizationsApplyTo', filter.organizationsApplyTo);
  if (filter.eventTypes && filter.eventTypes.length < EVENT_TYPES.length) set('eventTypes', filter.eventTypes);
  set('jurisdictions', filter.jurisdictions);
  if (filter.openOnly) q.set('openOnly', 'true');
  set('from', filter.from);
  set('to', filter.to);
  return commas(q);
}

export const sameFilter = (a: ViewState, b: ViewState): boolean => filterParams(a).toString() === filterParams(b).toString();
/** Whether the timeline's layout (not its data) differs. */
export const sameLayout = (a: ViewState, b: ViewState): boolean =>
  a.scale === b.scale && a.zoom?.from === b.zoom?.from && a.zoom?.to === b.zoom?.to;
