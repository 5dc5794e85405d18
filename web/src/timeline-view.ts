import { layoutAxis, type Axis } from './axis';
import { h } from './dom';
import { shortName } from './format';
import { describeItem, jurisdictionName, keyOf, kindOf, markerText, type Item } from './items';
import type { EventKind, Scale, YearRange } from './state';

/*
 * A horizontal year axis with a lane for releases, one for policy positions and one for
 * policy actions. Inside the first two, each organization has its own band, so two
 * organizations compare at a glance; inside the third, each jurisdiction. Markers sit at
 * their date and are packed into rows so none overlap. Keyboard: one marker is in the tab
 * order; arrows move along a lane (left/right) or to the nearest event of the next lane
 * (up/down), Home/End jump to the ends, Enter opens details.
 */

/** The sticky band labels on the left: narrower below 480 px (the breakpoint in styles.css). */
const labelWidth = () => (window.matchMedia('(max-width: 480px)').matches ? 80 : 132);
const ROW_HEIGHT = 46;
const GAP = 6;
/** Room after the last year for the markers of its last weeks. */
const TRAILING = 140;

/** A band of a lane: an organization, or for policy actions a jurisdiction. */
const bandOf = (item: Item): { key: string; label: string } =>
  item.__typename === 'PolicyAction'
    ? { key: item.jurisdiction.code, label: jurisdictionName(item.jurisdiction) }
    : { key: item.organization.slug, label: shortName(item.organization.name) };

const LANES: Array<{ kind: EventKind; title: string }> = [
  { kind: 'release', title: 'Releases' },
  { kind: 'position', title: 'Policy positions' },
  { kind: 'action', title: 'Policy actions' },
];

const markerClass = (item: Item): string =>
  item.__typename === 'Release'
    ? `marker release level-${item.accessLevel}`
    : item.__typename === 'PolicyPosition'
      ? `marker position stance-${item.stance}`
      : `marker action status-${item.status}`;

function marker(item: Item, selected: boolean, onSelect: (item: Item) => void): HTMLButtonElement {
  const { name, tag } = markerText(item);
  const cls = markerClass(item);
  return h(
    'button',
    {
      type: 'button',
      class: cls,
      tabindex: -1,
      'data-key': keyOf(item),
      'data-date': item.date,
      'aria-label': describeItem(item),
      'aria-pressed': selected ? 'true' : 'false',
      title: item.title,
      onclick: () => onSelect(item),
    },
    h('span', { class: 'marker-name' }, name),
    h('span', { class: 'marker-tag' }, tag),
  );
}

/** Greedy row packing: each marker goes in the first row whose last marker ends before it starts. */
function pack(markers: HTMLElement[], xOf: (m: HTMLElement) => number): number {
  const rowEnds: number[] = [];
  for (const m of markers) {
    const x = xOf(m);
    let row = rowEnds.findIndex((end) => end + GAP <= x);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = x + m.offsetWidth;
    m.style.left = `${x}px`;
    m.style.top = `${row * ROW_HEIGHT + 4}px`;
  }
  return Math.max(rowEnds.length, 1);
}

function moveFocus(lanes: HTMLElement[][], from: HTMLElement, key: string): HTMLElement | undefined {
  const laneIndex = lanes.findIndex((l) => l.includes(from));
  const lane = lanes[laneIndex];
  const i = lane.indexOf(from);
  switch (key) {
    case 'ArrowRight':
      return lane[i + 1];
    case 'ArrowLeft':
      return lane[i - 1];
    case 'Home':
      return lane[0];
    case 'End':
      return lane[lane.length - 1];
    case 'ArrowUp':
    case 'ArrowDown': {
      // The next lane that has events, below or above.
      const step = key === 'ArrowDown' ? 1 : -1;
      let other: HTMLElement[] | undefined;
      for (let l = laneIndex + step; l >= 0 && l < lanes.length && !other?.length; l += step) other = lanes[l];
      if (!other?.length) return undefined;
      const t = Date.parse(from.dataset.date!);
      return other.reduce((best, m) =>
        Math.abs(Date.parse(m.dataset.date!) - t) < Math.abs(Date.parse(best.dataset.date!) - t) ? m : best,
      );
    }
  }
  return undefined;
}

/**
 * Year labels along the top and a gridline down through the lanes at each 1 January; with
 * the "events" scale each year also says how many events it has, which is what its width
 * shows. The zoom range is shaded. The caption on the left says how the years are spaced.
 */
function drawAxis(canvas: HTMLElement, axis: Axis, scale: Scale, zoomed: boolean): void {
  const bar = h(
    'div',
    { class: 'tl-axis', 'aria-hidden': 'true' },
    h('span', { class: 'tl-axis-caption' }, scale === 'events' ? 'Year · events' : 'Year'),
  );
  for (let y = axis.firstYear; y <= axis.lastYear + 1; y++) {
    const count = axis.counts.get(y) ?? 0;
    const label = h(
      'span',
      { class: 'tl-year', 'data-year': y },
      String(y),
      scale === 'events' && y <= axis.lastYear ? h('span', { class: 'tl-year-count' }, ` · ${count}`) : null,
    );
    const gridline = h('div', { class: 'tl-gridline' });
    label.style.left = gridline.style.left = `${axis.yearStart(y)}px`;
    bar.append(label);
    canvas.append(gridline);
  }
  if (zoomed) {
    const shade = h('div', { class: 'tl-range' });
    shade.style.left = `${axis.yearStart(axis.range.from)}px`;
    shade.style.width = `${axis.yearStart(axis.range.to + 1) - axis.yearStart(axis.range.from)}px`;
    bar.append(shade);
  }
  canvas.append(bar);
}

/** Roving tabindex: one marker is in the tab order, arrows move it. */
function bindKeyboard(canvas: HTMLElement, lanes: HTMLElement[][], start: HTMLElement | undefined): void {
  const all = lanes.flat();
  if (start) start.tabIndex = 0;
  canvas.addEventListener('keydown', (event) => {
    const from = event.target as HTMLElement;
    if (!all.includes(from)) return;
    const to = moveFocus(lanes, from, event.key);
    if (!to) return;
    event.preventDefault();
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
    to.scrollIntoView({ block: 'nearest', inline: 'center' });
  });
}

export interface TimelineOptions {
  items: Item[];
  kinds: EventKind[];
  selectedKey: string | null;
  onSelect: (item: Item) => void;
  zoom: YearRange | null;
  scale: Scale;
}

export function renderTimeline(container: HTMLElement, { items, kinds, selectedKey, onSelect, zoom, scale }: TimelineOptions): void {
  // A redraw keeps keyboard focus on the same event.
  const focusedKey = container.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.key : undefined;
  container.replaceChildren();
  if (!items.length) {
    container.append(h('p', { class: 'empty' }, 'No events match these filters.'));
    return;
  }
  const bandLabels = labelWidth();
  const axis = layoutAxis(
    items.map((i) => i.date),
    zoom,
    scale,
    bandLabels,
    container.clientWidth - bandLabels - 40,
  );
  const xOfDate = axis.xOfDate;
  const zoomed = axis.range.from > axis.firstYear || axis.range.to < axis.lastYear;

  // Positions are set through the CSSOM, which the page's Content-Security-Policy allows (style attributes it does not).
  const canvas = h('div', { class: 'tl-canvas' });
  canvas.style.width = `${axis.yearStart(axis.lastYear + 1) + TRAILING}px`;
  drawAxis(canvas, axis, scale, zoomed);
  container.append(canvas);

  // Bands come in the same order in every lane: by each organization's (or jurisdiction's) first event.
  const bands = [...new Map(items.map((i) => [bandOf(i).key, bandOf(i).label])).entries()];
  const lanes: HTMLElement[][] = [];
  for (const lane of LANES.filter((l) => kinds.includes(l.kind))) {
    const laneItems = items.filter((i) => kindOf(i) === lane.kind);
    const section = h(
      'section',
      { class: `tl-lane lane-${lane.kind}`, 'aria-label': `${lane.title}: ${laneItems.length}` },
      h('h3', { class: 'tl-lane-title' }, lane.title),
    );
    canvas.append(section);
    if (!laneItems.length) section.append(h('p', { class: 'tl-none' }, `No ${lane.title.toLowerCase()} in this view.`));
    const laneMarkers: HTMLElement[] = [];
    for (const [key, label] of bands.filter(([key]) => laneItems.some((i) => bandOf(i).key === key))) {
      const band = h(
        'div',
        { class: 'tl-band', [lane.kind === 'action' ? 'data-jurisdiction' : 'data-org']: key },
        h('span', { class: 'tl-band-label' }, label),
      );
      section.append(band);
      const markers = laneItems.filter((i) => bandOf(i).key === key).map((i) => marker(i, keyOf(i) === selectedKey, onSelect));
      band.append(...markers);
      band.style.height = `${pack(markers, (m) => xOfDate(m.dataset.date!)) * ROW_HEIGHT + 8}px`;
      laneMarkers.push(...markers);
    }
    // Arrow keys follow date order across the lane's bands.
    laneMarkers.sort((a, b) => a.dataset.date!.localeCompare(b.dataset.date!) || parseFloat(a.style.top) - parseFloat(b.style.top));
    lanes.push(laneMarkers);
  }

  const all = lanes.flat();
  bindKeyboard(canvas, lanes, all.find((m) => m.dataset.key === selectedKey) ?? all[0]);
  // Zoomed, the range starts just right of the band labels; a selected event out of sight is brought to the middle.
  container.scrollLeft = zoomed ? axis.yearStart(axis.range.from) - bandLabels : 0;
  const selected = all.find((m) => m.dataset.key === selectedKey);
  if (selected) {
    const x = parseFloat(selected.style.left);
    const inView = x >= container.scrollLeft + bandLabels && x + selected.offsetWidth <= container.scrollLeft + container.clientWidth;
    if (!inView || !zoomed) container.scrollLeft = Math.max(0, x - container.clientWidth / 2);
  }
  const focused = all.find((m) => m.dataset.key === focusedKey);
  if (focused) {
    for (const m of all) m.tabIndex = m === focused ? 0 : -1;
    focused.focus({ preventScroll: true });
  }
}
