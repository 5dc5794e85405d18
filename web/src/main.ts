import './styles.css';
import { ApiError, execute, serviceUrl } from './api';
import { yearsOf } from './axis';
import { createControls, type Jurisdiction } from './controls';
import { renderDetails } from './details/panel';
import type { Links } from './details/parts';
import { syncRelated } from './details/related';
import { h } from './dom';
import { ACCESS_LEVELS, shortName } from './format';
import {
  OrganizationsDocument,
  PolicyActionJurisdictionsDocument,
  TimelinePageDocument,
  type OrganizationsQuery,
  type PolicyActionJurisdictionsQuery,
  type TimelineFilter,
  type TimelinePageQuery,
} from './gql/graphql';
import { itemName, jurisdictionName, keyOf, kindOf, type Item } from './items';
import { renderList } from './list-view';
import { reveal } from './reveal';
import { KIND_OF_TYPE, readState, sameFilter, sameLayout, timelineFilter, writeState, type ViewState } from './state';
import { renderTimeline } from './timeline-view';
import { createZoomControl } from './zoom-control';

/*
 * Wires the URL state, the GraphQL operations and the views together. The same script
 * runs the full page (`/`) and the embed (`/embed`, for iframes on other sites), which has
 * no filters of its own: it shows the view its URL names, and links back to the page.
 */

const embedded = document.body.dataset.mode === 'embed';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const [timelineSection, timelineEl, listSection, listEl, details, status, errorBox] = [
  byId('timeline-view'),
  byId('timeline'),
  byId('list-view'),
  byId('list'),
  byId('details'),
  byId('status'),
  byId('error'),
];

let state: ViewState = readState(location.search);
let items: Item[] = [];
let organizationNames = new Map<string, string>();
let jurisdictionNames = new Map<string, string>();
let timelineStale = true;
/** After following a link to an event: the event to focus once it is drawn, and what was widened to show it. */
let pending: { key: string; notice: string } | null = null;
let loads = 0;
let detailLoads = 0;

const selectedKey = () => (state.selected ? `${state.selected.kind}:${state.selected.slug}` : null);
const message = (err: unknown) => (err instanceof ApiError ? err.message : 'Something went wrong; reload the page.');

function showError(err: unknown): void {
  errorBox.textContent = message(err);
  errorBox.hidden = false;
}

function select(item: Item): void {
  update({ selected: { kind: kindOf(item), slug: item.slug } });
}

/** Renders the visible view; the timeline is measured, so it is drawn only when shown. */
function renderViews(): void {
  timelineSection.hidden = state.view !== 'timeline';
  listSection.hidden = state.view !== 'list';
  renderList(listEl, items, selectedKey(), select);
  timelineStale = true;
  drawTimeline();
}

function drawTimeline(): void {
  if (state.view !== 'timeline') return;
  renderTimeline(timelineEl, {
    items,
    kinds: state.eventTypes.map((t) => KIND_OF_TYPE[t]),
    selectedKey: selectedKey(),
    onSelect: select,
    zoom: state.zoom,
    scale: state.scale,
  });
  zoom?.sync(state, items.length ? yearsOf(items.map((i) => i.date)) : null);
  timelineStale = false;
}

function markSelected(): void {
  for (const el of document.querySelectorAll<HTMLElement>('#timeline [data-key], #list [data-key]')) {
    const button = el.matches('button') ? el : el.querySelector('button');
    button?.setAttribute('aria-pressed', String(el.dataset.key === selectedKey()));
  }
}

const COUNTED = { RELEASE: 'releases', POLICY_POSITION: 'policy positions', POLICY_ACTION: 'policy actions' } as const;

function describeView(): string {
  const counts = state.eventTypes.map((t) => `${items.filter((i) => kindOf(i) === KIND_OF_TYPE[t]).length} ${COUNTED[t]}`).join(', ');
  const who =
    state.organizations === 'all'
      ? 'all organizations'
      : state.organizations.map((s) => shortName(organizationNames.get(s) ?? s)).join(', ');
  const where =
    state.eventTypes.includes('POLICY_ACTION') && state.jurisdictions !== 'all'
      ? `, policy actions in ${state.jurisdictions.map((c) => shortName(jurisdictionNames.get(c) ?? c)).join(', ')}`
      : '';
  return `${items.length} events (${counts}) for ${who}${state.openOnly ? ', open releases only' : ''}${where}.`;
}

/** Every page of the filtered timeline. */
async function fetchTimeline(filter: TimelineFilter): Promise<Item[]> {
  const all: Item[] = [];
  let after: string | null = null;
  for (;;) {
    const { timeline }: TimelinePageQuery = await execute(TimelinePageDocument, { filter, after });
    all.push(...timeline.nodes);
    if (!timeline.pageInfo.hasNextPage) return all;
    after = timeline.pageInfo.endCursor;
  }
}

/** Loads and draws the timeline; a newer load makes an older one's answer moot. */
async function loadTimeline(): Promise<void> {
  const load = ++loads;
  status.textContent = 'Loading…';
  document.body.setAttribute('aria-busy', 'true');
  let loaded: Item[] = [];
  try {
    loaded = await fetchTimeline(timelineFilter(state));
    errorBox.hidden = true;
  } catch (err) {
    if (load === loads) showError(err);
  }
  if (load !== loads) return;
  items = loaded;
  renderViews();
  status.textContent = errorBox.hidden ? `${pending?.notice ?? ''}${describeView()}` : '';
  document.body.removeAttribute('aria-busy');
  focusPending();
}

/** Focuses the event a link led to, in the view shown, once it is drawn there. */
function focusPending(): void {
  if (!pending) return;
  const { key } = pending;
  pending = null;
  const target =
    state.view === 'timeline'
      ? document.querySelector<HTMLElement>(`#timeline .marker[data-key="${key}"]`)
      : document.querySelector<HTMLElement>(`#list li[data-key="${key}"] button`);
  if (!target) return void document.getElementById('details-title')?.focus();
  // The timeline's one marker in the tab order (its roving tabindex) becomes this one.
  if (state.view === 'timeline')
    for (const m of document.querySelectorAll<HTMLElement>('#timeline .marker')) m.tabIndex = m === target ? 0 : -1;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'nearest', inline: 'center' });
}

/**
 * The details panel's links to other events: the share URL of the view that shows the
 * other event selected, and, followed in the page, that view, with focus on its marker.
 */
const links: Links = {
  href: (item) => new URL(`?${writeState({ ...state, ...reveal(state, item, loadedYears()).patch })}`, location.href).toString(),
  follow: (item) => {
    const { patch, changes } = reveal(state, item, loadedYears());
    const notice = changes.length ? `To show ${itemName(item)}: ${changes.join(', ')}. ` : '';
    pending = { key: keyOf(item), notice };
    const reloads = !sameFilter(state, { ...state, ...patch });
    update(patch);
    if (!reloads) {
      if (notice) status.textContent = `${notice}${describeView()}`;
      focusPending();
    }
  },
};

const loadedYears = () => (items.length ? yearsOf(items.map((i) => i.date)) : null);

async function loadDetails(): Promise<void> {
  const load = ++detailLoads;
  const selected = state.selected;
  details.hidden = !selected;
  if (!selected) return void details.replaceChildren();
  details.replaceChildren(h('p', { class: 'muted' }, 'Loading details…'));
  const close = () => update({ selected: null });
  try {
    const content = await renderDetails(selected, close, links);
    if (load === detailLoads) details.replaceChildren(...content);
  } catch (err) {
    if (load === detailLoads) details.replaceChildren(h('p', { role: 'alert' }, message(err)));
  }
}

function update(patch: Partial<ViewState>): void {
  const previous = state;
  state = { ...state, ...patch };
  history.pushState(null, '', `?${writeState(state)}`);
  apply(previous);
}

/**
 * The embed's link back to the full page, for the current view. The oEmbed discovery tag is
 * left as the server wrote it (with PUBLIC_URL): the fetchers that read it run no script.
 */
function syncLinks(): void {
  document.getElementById('full-view')?.setAttribute('href', serviceUrl(`/?${writeState(state)}`));
}

/** Brings the page in line with `state`, doing only the work that changed. */
function apply(previous: ViewState | null): void {
  controls?.sync(state);
  syncLinks();
  syncRelated(details, links);
  const key = (s: ViewState | null) => (s?.selected ? `${s.selected.kind}:${s.selected.slug}` : null);
  if (!previous || !sameFilter(previous, state)) void loadTimeline();
  else if (previous.view !== state.view || (state.view === 'timeline' && (timelineStale || !sameLayout(previous, state)))) renderViews();
  else markSelected();
  if (key(previous) !== key(state)) void loadDetails();
}

let controls: ReturnType<typeof createControls> | undefined;
let zoom: ReturnType<typeof createZoomControl> | undefined;

type Organization = OrganizationsQuery['organizations']['nodes'][number];

/** Every organization, a page at a time. */
async function fetchOrganizations(): Promise<Organization[]> {
  const all: Organization[] = [];
  let after: string | null = null;
  for (;;) {
    const { organizations }: OrganizationsQuery = await execute(OrganizationsDocument, { after });
    all.push(...organizations.nodes);
    if (!organizations.pageInfo.hasNextPage) return all;
    after = organizations.pageInfo.endCursor;
  }
}

/** Every jurisdiction that has a policy action, by code (US before US-CA). */
async function fetchJurisdictions(): Promise<Jurisdiction[]> {
  const found = new Map<string, Jurisdiction>();
  let after: string | null = null;
  for (;;) {
    const { policyActions }: PolicyActionJurisdictionsQuery = await execute(PolicyActionJurisdictionsDocument, { after });
    for (const { jurisdiction } of policyActions.nodes) found.set(jurisdiction.code, jurisdiction);
    if (!policyActions.pageInfo.hasNextPage) break;
    after = policyActions.pageInfo.endCursor;
  }
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * A link may name a jurisdiction that has no policy action (a typo, or one whose actions
 * were removed): it is dropped from the view, and from the URL, rather than sent to the
 * service to be refused. If none is left, every jurisdiction is shown.
 */
function dropUnknownJurisdictions(): void {
  if (state.jurisdictions === 'all') return;
  const known = state.jurisdictions.filter((code) => jurisdictionNames.has(code));
  if (known.length === state.jurisdictions.length) return;
  state = { ...state, jurisdictions: known.length ? known : 'all' };
  history.replaceState(null, '', `?${writeState(state)}`);
}

async function start(): Promise<void> {
  byId('legend').replaceChildren(
    h('h2', { class: 'legend-title' }, 'Access level'),
    h(
      'ul',
      { class: 'legend-items' },
      Object.entries(ACCESS_LEVELS).map(([level, { label, hint }]) =>
        h(
          'li',
          {},
          h('span', { class: `swatch level-${level}`, 'aria-hidden': 'true' }),
          h('strong', {}, label),
          h('span', { class: 'muted' }, ` ${hint}`),
        ),
      ),
    ),
    h(
      'p',
      { class: 'legend-positions' },
      h('span', { class: 'swatch position', 'aria-hidden': 'true' }),
      h('strong', {}, 'Policy position'),
      h('span', { class: 'muted' }, ' labelled with its stance'),
    ),
    h(
      'p',
      { class: 'legend-actions' },
      h('span', { class: 'swatch action', 'aria-hidden': 'true' }),
      h('strong', {}, 'Policy action'),
      h('span', { class: 'muted' }, ' by a government, labelled with its kind and status; grey once revoked, vetoed or expired'),
    ),
  );
  let organizations: Organization[] = [];
  let jurisdictions: Jurisdiction[] = [];
  let loaded = false;
  try {
    [organizations, jurisdictions] = await Promise.all([fetchOrganizations(), fetchJurisdictions()]);
    loaded = true;
  } catch (err) {
    showError(err);
  }
  organizationNames = new Map(organizations.map((o) => [o.slug, o.name]));
  jurisdictionNames = new Map(jurisdictions.map((j) => [j.code, jurisdictionName(j)]));
  if (loaded) dropUnknownJurisdictions();
  // Governments and intergovernmental bodies issue policy actions, which the jurisdictions pick.
  const issuing = (o: Organization) => o.kind === 'GOVERNMENT' || o.kind === 'INTERGOVERNMENTAL';
  if (!embedded) {
    controls = createControls({ organizations: organizations.filter((o) => !issuing(o)), jurisdictions }, update);
    byId('controls').replaceChildren(controls.element);
    zoom = createZoomControl(update);
    byId('zoom').replaceChildren(zoom.element);
  }
  apply(null);
}

window.addEventListener('popstate', () => {
  const previous = state;
  state = readState(location.search);
  apply(previous);
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || !state.selected) return;
  const key = selectedKey();
  update({ selected: null });
  document.querySelector<HTMLElement>(`#timeline [data-key="${key}"]`)?.focus();
});
document.getElementById('skip-to-timeline')?.addEventListener('click', (event) => {
  event.preventDefault();
  if (state.view !== 'timeline') update({ view: 'timeline' });
  // The marker in the tab order (the selected event's, or the first); the heading when there is none.
  const marker = document.querySelector<HTMLElement>('#timeline .marker[tabindex="0"]');
  if (marker) {
    marker.focus({ preventScroll: true });
    marker.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  } else byId('timeline-heading').focus();
});
document.getElementById('skip-to-list')?.addEventListener('click', (event) => {
  event.preventDefault();
  update({ view: 'list' });
  byId('list-heading').focus();
});
// The year axis fits the width it has: redraw when that changes (window resized, details opened or closed).
let drawnWidth = 0;
new ResizeObserver(([entry]) => {
  const width = Math.round(entry.contentRect.width);
  if (width === drawnWidth || !width) return;
  drawnWidth = width;
  if (items.length) drawTimeline();
}).observe(timelineEl);
void start();
