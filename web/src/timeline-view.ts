import { h } from './dom';
import { shortName } from './format';
import { describeItem, keyOf, kindOf, markerText, type Item } from './items';
import type { EventKind } from './state';

/*
 * A horizontal year axis with one lane for releases and one for policy positions. Inside a
 * lane, each organization has its own band, so two organizations compare at a glance.
 * Markers sit at their date and are packed into rows so none overlap. Keyboard: one
 * marker is in the tab order; arrows move along a lane (left/right) or to the nearest
 * event of the other lane (up/down), Home/End jump to the ends, Enter opens details.
 */

/** The sticky band labels on the left: narrower below 480 px (the breakpoint in styles.css). */
const labelWidth = () => (window.matchMedia('(max-width: 480px)').matches ? 80 : 132);
const ROW_HEIGHT = 46;
const GAP = 6;
const MIN_YEAR_WIDTH = 150;
const DAY_MS = 86_400_000;

const LANES: Array<{ kind: EventKind; title: string }> = [
  { kind: 'release', title: 'Releases' },
  { kind: 'position', title: 'Policy positions' },
];

function yearRange(items: Item[]): [number, number] {
  const years = items.map((i) => Number(i.date.slice(0, 4)));
  return [Math.min(...years), Math.max(...years) + 1];
}

function marker(item: Item, selected: boolean, onSelect: (item: Item) => void): HTMLButtonElement {
  const { name, tag } = markerText(item);
  const cls = item.__typename === 'Release' ? `marker release level-${item.accessLevel}` : `marker position stance-${item.stance}`;
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
      const other = lanes[laneIndex + (key === 'ArrowDown' ? 1 : -1)];
      if (!other?.length) return undefined;
      const t = Date.parse(from.dataset.date!);
      return other.reduce((best, m) =>
        Math.abs(Date.parse(m.dataset.date!) - t) < Math.abs(Date.parse(best.dataset.date!) - t) ? m : best,
      );
    }
  }
  return undefined;
}

/** Year labels along the top and a gridline down through the lanes at each 1 January. */
function drawAxis(canvas: HTMLElement, firstYear: number, lastYear: number, xOfDate: (date: string) => number): void {
  const axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
  for (let y = firstYear; y <= lastYear; y++) {
    const label = h('span', { class: 'tl-year' }, y);
    const gridline = h('div', { class: 'tl-gridline' });
    label.style.left = gridline.style.left = `${xOfDate(`${y}-01-01`)}px`;
    axis.append(label);
    canvas.append(gridline);
  }
  canvas.append(axis);
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

export function renderTimeline(
  container: HTMLElement,
  items: Item[],
  kinds: EventKind[],
  selectedKey: string | null,
  onSelect: (item: Item) => void,
): void {
  // A redraw keeps keyboard focus on the same event.
  const focusedKey = container.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.key : undefined;
  container.replaceChildren();
  if (!items.length) {
    container.append(h('p', { class: 'empty' }, 'No events match these filters.'));
    return;
  }
  const [firstYear, lastYear] = yearRange(items);
  const years = lastYear - firstYear;
  const bandLabels = labelWidth();
  const yearWidth = Math.max(MIN_YEAR_WIDTH, (container.clientWidth - bandLabels - 40) / years);
  const origin = Date.UTC(firstYear, 0, 1);
  const xOfDate = (date: string) => bandLabels + ((Date.parse(date) - origin) / (365.25 * DAY_MS)) * yearWidth;
  const width = bandLabels + years * yearWidth + 140;

  // Positions are set through the CSSOM, which the page's Content-Security-Policy allows (style attributes it does not).
  const canvas = h('div', { class: 'tl-canvas' });
  canvas.style.width = `${width}px`;
  drawAxis(canvas, firstYear, lastYear, xOfDate);
  container.append(canvas);

  // Bands come in the same order in both lanes: by each organization's first event.
  const orgs = [...new Map(items.map((i) => [i.organization.slug, i.organization.name])).entries()];
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
    for (const [slug, name] of orgs.filter(([slug]) => laneItems.some((i) => i.organization.slug === slug))) {
      const band = h('div', { class: 'tl-band', 'data-org': slug }, h('span', { class: 'tl-band-label' }, shortName(name)));
      section.append(band);
      const markers = laneItems.filter((i) => i.organization.slug === slug).map((i) => marker(i, keyOf(i) === selectedKey, onSelect));
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
  const selected = all.find((m) => m.dataset.key === selectedKey);
  if (selected) container.scrollLeft = Math.max(0, parseFloat(selected.style.left) - container.clientWidth / 2);
  const focused = all.find((m) => m.dataset.key === focusedKey);
  if (focused) {
    for (const m of all) m.tabIndex = m === focused ? 0 : -1;
    focused.focus({ preventScroll: true });
  }
}
