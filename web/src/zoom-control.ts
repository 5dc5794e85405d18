import { clampRange } from './axis';
import { h } from './dom';
import type { Scale, ViewState, YearRange } from './state';

/*
 * The timeline's zoom: which years fill its width (presets, a from–to pair of year
 * pickers, and one year in or out), and how the years share it out. Every part is a
 * native button, select or radio, so it works from the keyboard as it is.
 */

type Update = (patch: Partial<ViewState>) => void;

const SCALE_LABELS: Record<Scale, string> = { even: 'Even', events: 'By number of events' };

const dash = (r: YearRange) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`);
const same = (a: YearRange | null, b: YearRange | null) => a?.from === b?.from && a?.to === b?.to;

/** "All years", then the last four and the last two years, where the data has more. */
function presets(years: YearRange): Array<{ label: string; zoom: YearRange | null }> {
  const recent = [4, 2]
    .filter((n) => years.to - years.from + 1 > n)
    .map((n) => ({ from: years.to - n + 1, to: years.to }))
    .map((zoom) => ({ label: dash(zoom), zoom }));
  return [{ label: 'All years', zoom: null }, ...recent];
}

export function createZoomControl(update: Update) {
  let years: YearRange | null = null;
  let range: YearRange | null = null;
  /** A range that is every year is no zoom: the URL then says nothing. */
  const setZoom = (zoom: YearRange) => update({ zoom: years && same(zoom, years) ? null : zoom });

  const presetGroup = h('div', { class: 'presets', role: 'group', 'aria-label': 'Zoom presets' });
  const fromSelect = h('select', {
    id: 'zoom-from',
    onchange: () => setZoom({ from: +fromSelect.value, to: Math.max(+fromSelect.value, range!.to) }),
  });
  const toSelect = h('select', {
    id: 'zoom-to',
    onchange: () => setZoom({ from: Math.min(range!.from, +toSelect.value), to: +toSelect.value }),
  });
  const zoomIn = h(
    'button',
    {
      type: 'button',
      id: 'zoom-in',
      'aria-label': 'Zoom in: one year fewer',
      title: 'Zoom in: one year fewer',
      onclick: () => range && setZoom({ from: range.from + 1, to: range.to }),
    },
    '+',
  );
  const zoomOut = h(
    'button',
    {
      type: 'button',
      id: 'zoom-out',
      'aria-label': 'Zoom out: one year more',
      title: 'Zoom out: one year more',
      onclick: () =>
        range &&
        years &&
        setZoom(range.from > years.from ? { from: range.from - 1, to: range.to } : { from: range.from, to: range.to + 1 }),
    },
    '−',
  );
  const scaleRadios = (['even', 'events'] as const).map((s) =>
    h('input', { type: 'radio', name: 'scale', value: s, id: `scale-${s}`, onchange: () => update({ scale: s }) }),
  );

  const element = h(
    'div',
    { class: 'zoom', role: 'group', 'aria-labelledby': 'zoom-heading' },
    h('span', { id: 'zoom-heading', class: 'zoom-heading' }, 'Years shown'),
    presetGroup,
    h('label', { for: 'zoom-from' }, 'From ', fromSelect),
    h('label', { for: 'zoom-to' }, 'to ', toSelect),
    h('span', { class: 'zoom-steps' }, zoomOut, zoomIn),
    h(
      'div',
      { class: 'scale', role: 'radiogroup', 'aria-labelledby': 'scale-heading' },
      h('span', { id: 'scale-heading' }, 'Spacing:'),
      scaleRadios.map((r) => h('label', { for: r.id }, r, SCALE_LABELS[r.value as Scale])),
    ),
  );

  let shownYears = '';
  /** `dataYears`: the years the loaded events span, null when there are none. */
  function sync(state: ViewState, dataYears: YearRange | null): void {
    element.hidden = !dataYears;
    years = dataYears;
    if (!dataYears) return;
    range = clampRange(state.zoom, dataYears);
    // Options and presets follow the data; rebuilt only when its years change, so focus stays put.
    if (shownYears !== dash(dataYears)) {
      shownYears = dash(dataYears);
      const options = () =>
        Array.from({ length: dataYears.to - dataYears.from + 1 }, (_, i) => h('option', { value: dataYears.from + i }, dataYears.from + i));
      fromSelect.replaceChildren(...options());
      toSelect.replaceChildren(...options());
      presetGroup.replaceChildren(
        ...presets(dataYears).map((p) =>
          h(
            'button',
            { type: 'button', class: 'preset', 'data-zoom': p.zoom ? dash(p.zoom) : 'all', onclick: () => update({ zoom: p.zoom }) },
            p.label,
          ),
        ),
      );
    }
    const current = same(range, dataYears) ? 'all' : dash(range);
    for (const b of presetGroup.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.zoom === current));
    fromSelect.value = String(range.from);
    toSelect.value = String(range.to);
    zoomIn.disabled = range.from >= range.to;
    zoomOut.disabled = same(range, dataYears);
    for (const r of scaleRadios) r.checked = r.value === state.scale;
  }
  return { element, sync };
}
