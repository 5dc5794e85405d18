import './styles.css';
import { ApiError, execute, serviceUrl } from './api';
import { yearsOf } from './axis';
import { createControls, type Jurisdiction } from './controls';
import { renderDetails } from './details/panel';
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
import { jurisdictionName, kindOf, type Item } from './items';
import { renderList } from './list-view';
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
/** Governments and intergovernmental bodies: they issue policy actions (see timelineFilter). */
let issuingBodies: string[] = [];
let timelineStale = true;
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
    loaded = await fetchTimeline(timelineFilter(state, issuingBodies));
    errorBox.hidden = true;
  } catch (err) {
    if (load === loads) showError(err);
  }
  if (load !== loads) return;
  items = loaded;
  renderViews();
  status.textContent = errorBox.hidden ? describeView() : '';
  document.body.removeAttribute('aria-busy');
}

async function loadDetails(): Promise<void> {
  const load = ++detailLoads;
  const selected = state.selected;
  details.hidden = !selected;
  if (!selected) return void details.replaceChildren();
  details.replaceChildren(h('p', { class: 'muted' }, 'Loading details…'));
  const close = () => update({ selected: null });
  try {
    const content = await renderDetails(selected, close);
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
  const key = (s: ViewState | null) => (s?.selected ? `${s.selected.kind}:${s.selected.slug}` : null);
  if (!previous || !sameFilter(previous, state)) void loadTimeline();
  else if (previous.view !== state.view || (state.view === 'timeline' && (timelineStale || !sameLayout(previous, state)))) renderViews();
  else markSelected();
  if (key(previous) !== key(state)) void loadDetails();
}

let controls: ReturnType<typeof createControls> | undefined;
let zoom: ReturnType<typeof createZoomControl> | undefined;

type Organization = OrganizationsQuery['organizations']['nodes'][number];

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
  try {
    [organizations, jurisdictions] = await Promise.all([
      execute(OrganizationsDocument).then((r) => r.organizations.nodes),
      fetchJurisdictions(),
    ]);
  } catch (err) {
    showError(err);
  }
  organizationNames = new Map(organizations.map((o) => [o.slug, o.name]));
  jurisdictionNames = new Map(jurisdictions.map((j) => [j.code, jurisdictionName(j)]));
  const issuing = (o: Organization) => o.kind === 'GOVERNMENT' || o.kind === 'INTERGOVERNMENTAL';
  issuingBodies = organizations.filter(issuing).map((o) => o.slug);
  if (!embedded) {
    controls = createControls({ organizations: organizations.filter((o) => !issuing(o)), jurisdictions, issuingBodies }, update);
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
