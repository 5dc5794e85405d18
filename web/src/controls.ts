import { serviceUrl } from './api';
import { h } from './dom';
import { shortName } from './format';
import type { TimelineEventType } from './gql/graphql';
import { DEFAULT_ORGANIZATIONS, EVENT_TYPES, exportQuery, timelineFilter, writeState, type ViewState } from './state';

/** The page's title, as index.html and the oEmbed answer give it: the embed's iframe title. */
export const PAGE_TITLE = 'Open and closed AI: releases, policy positions and policy actions';

/* The filter form. Built once; `sync` puts a state into it (after a change, back or forward). */

export interface Organization {
  slug: string;
  name: string;
}
export interface Jurisdiction {
  code: string;
  name: string;
}
export interface ControlOptions {
  /** The organizations whose releases and positions can be picked. */
  organizations: Organization[];
  /** The jurisdictions that have policy actions. */
  jurisdictions: Jurisdiction[];
}
export type Update = (patch: Partial<ViewState>) => void;

/** One click to Meta's view or to Meta beside a rival. */
const PRESETS: Array<{ label: string; organizations: string[] | 'all' }> = [
  { label: 'Meta', organizations: DEFAULT_ORGANIZATIONS },
  { label: 'Meta vs OpenAI', organizations: ['meta', 'openai'] },
  { label: 'Meta vs Google', organizations: ['meta', 'google'] },
  { label: 'All organizations', organizations: 'all' },
];
const TYPE_LABELS: Record<TimelineEventType, string> = {
  RELEASE: 'Releases',
  POLICY_POSITION: 'Policy positions',
  POLICY_ACTION: 'Policy actions',
};

/** The iframe a newsroom pastes into an article: the embed of this view, as wide as its column allows. */
export function embedSnippet(state: ViewState): string {
  const src = serviceUrl(`/embed?${writeState(state)}`).replace(/&/g, '&amp;');
  return `<iframe src="${src}" width="800" height="600" title="${PAGE_TITLE}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** A copy button for a text field, saying "Copied" for a moment. */
function copyButton(field: HTMLInputElement | HTMLTextAreaElement, label: string, id: string): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      id,
      onclick: async () => {
        field.select();
        await navigator.clipboard?.writeText(field.value).catch(() => undefined);
        button.textContent = 'Copied';
        setTimeout(() => (button.textContent = label), 1500);
      },
    },
    label,
  );
  return button;
}

const sameOrgs = (a: string[] | 'all', b: string[] | 'all') =>
  a === 'all' || b === 'all' ? a === b : [...a].sort().join() === [...b].sort().join();

/**
 * A group of checkboxes of which one at least stays checked: an empty view is never what was
 * meant. The last checked box is not `disabled` (which would take it out of the tab order
 * and say nothing) but `aria-disabled`, described by a hint that says why and what to do;
 * a click on it changes nothing but showing the hint.
 */
function keepOne(boxes: HTMLInputElement[], id: string, hint: string) {
  // Hidden until a click on the last box needs it; a screen reader has it all along, as the box's description.
  const note = h('p', { class: 'keep-one', id, hidden: true }, hint);
  for (const box of boxes)
    box.addEventListener('click', (event) => {
      if (box.getAttribute('aria-disabled') !== 'true') return;
      event.preventDefault();
      note.hidden = false;
    });
  return {
    note,
    sync(): void {
      const last = boxes.filter((b) => b.checked).length === 1;
      for (const box of boxes) {
        const locked = last && box.checked;
        box.setAttribute('aria-disabled', String(locked));
        if (locked) box.setAttribute('aria-describedby', id);
        else box.removeAttribute('aria-describedby');
      }
      if (!last) note.hidden = true;
    },
  };
}

export function createControls({ organizations, jurisdictions }: ControlOptions, update: Update) {
  const orgBoxes = organizations.map((o) => h('input', { type: 'checkbox', name: 'organizations', value: o.slug, id: `org-${o.slug}` }));
  const presetButtons = PRESETS.map((p) =>
    h('button', { type: 'button', class: 'preset', onclick: () => update({ organizations: p.organizations }) }, p.label),
  );
  const typeBoxes = EVENT_TYPES.map((t) => h('input', { type: 'checkbox', name: 'eventTypes', value: t, id: `type-${t}` }));
  const openOnly = h('input', { type: 'checkbox', name: 'openOnly', id: 'open-only' });
  const jurisdictionBoxes = jurisdictions.map((j) =>
    h('input', { type: 'checkbox', name: 'jurisdictions', value: j.code, id: `jurisdiction-${j.code}` }),
  );
  const allJurisdictions = h(
    'button',
    { type: 'button', class: 'preset', id: 'all-jurisdictions', onclick: () => update({ jurisdictions: 'all' }) },
    'All jurisdictions',
  );
  const from = h('input', { type: 'date', name: 'from', id: 'from', min: '2000-01-01', max: '2099-12-31' });
  const to = h('input', { type: 'date', name: 'to', id: 'to', min: '2000-01-01', max: '2099-12-31' });
  const viewButtons = (['timeline', 'list'] as const).map((v) =>
    h('button', { type: 'button', 'data-view': v, onclick: () => update({ view: v }) }, v === 'timeline' ? 'Timeline' : 'List'),
  );
  const share = h('input', {
    type: 'url',
    id: 'share-url',
    readonly: true,
    'aria-label': 'Link to this view',
    onfocus: () => share.select(),
  });
  const copy = copyButton(share, 'Copy link', 'copy-link');
  const embed = h('textarea', {
    id: 'embed-code',
    readonly: true,
    rows: 3,
    'aria-label': 'Embed code for this view (HTML)',
    onfocus: () => embed.select(),
  });
  const copyEmbed = copyButton(embed, 'Copy embed code', 'copy-embed');
  const jsonLink = h('a', { id: 'export-json' }, 'TimelineJS (JSON)');
  const csvLink = h('a', { id: 'export-csv' }, 'Spreadsheet (CSV)');

  const lastOrg = keepOne(orgBoxes, 'orgs-hint', 'One organization stays checked: check another first, or pick a quick view.');
  const lastType = keepOne(typeBoxes, 'types-hint', 'One kind of event stays shown: check another first.');
  const lastJurisdiction = keepOne(
    jurisdictionBoxes,
    'jurisdictions-hint',
    'One jurisdiction stays checked: check another first, or use "All jurisdictions".',
  );

  const checkedOrgs = () => orgBoxes.filter((b) => b.checked).map((b) => b.value);
  for (const box of orgBoxes) box.addEventListener('change', () => update({ organizations: checkedOrgs() }));
  for (const box of typeBoxes) {
    box.addEventListener('change', () => update({ eventTypes: EVENT_TYPES.filter((_, i) => typeBoxes[i].checked) }));
  }
  openOnly.addEventListener('change', () => update({ openOnly: openOnly.checked }));
  for (const box of jurisdictionBoxes) {
    box.addEventListener('change', () => {
      const checked = jurisdictionBoxes.filter((b) => b.checked).map((b) => b.value);
      update({ jurisdictions: checked.length === jurisdictionBoxes.length ? 'all' : checked });
    });
  }
  from.addEventListener('change', () => update({ from: from.value || null }));
  to.addEventListener('change', () => update({ to: to.value || null }));

  // Policy actions are picked by where they apply, not by who issued them.
  const jurisdictionSet = h(
    'fieldset',
    { class: 'jurisdictions' },
    h('legend', {}, 'Jurisdictions (policy actions)'),
    h('div', { class: 'presets', role: 'group', 'aria-label': 'Every jurisdiction' }, allJurisdictions),
    h(
      'div',
      { class: 'checks' },
      jurisdictions.map((j, i) => h('label', { for: `jurisdiction-${j.code}`, title: j.name }, jurisdictionBoxes[i], shortName(j.name))),
    ),
    lastJurisdiction.note,
  );

  const element = h(
    'form',
    { class: 'controls', role: 'search', 'aria-label': 'Filter the timeline', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      { class: 'orgs' },
      h('legend', {}, 'Organizations (releases and positions)'),
      h('div', { class: 'presets', role: 'group', 'aria-label': 'Quick views' }, presetButtons),
      h(
        'div',
        { class: 'checks' },
        organizations.map((o, i) => h('label', { for: `org-${o.slug}` }, orgBoxes[i], shortName(o.name))),
      ),
      lastOrg.note,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Events'),
      h(
        'div',
        { class: 'checks' },
        EVENT_TYPES.map((t, i) => h('label', { for: `type-${t}` }, typeBoxes[i], TYPE_LABELS[t])),
      ),
      lastType.note,
      h('label', { for: 'open-only', class: 'open-only' }, openOnly, 'Open releases only'),
    ),
    jurisdictionSet,
    h(
      'fieldset',
      { class: 'dates' },
      h('legend', {}, 'Dates'),
      h('label', { for: 'from' }, 'From ', from),
      h('label', { for: 'to' }, 'To ', to),
    ),
    h(
      'fieldset',
      { class: 'share' },
      h('legend', {}, 'Share and export'),
      h('div', { class: 'view-switch', role: 'group', 'aria-label': 'Show as' }, viewButtons),
      h('div', { class: 'share-row' }, share, copy),
      h('label', { for: 'embed-code', class: 'embed-label' }, 'Embed this view on your site'),
      h('div', { class: 'share-row' }, embed, copyEmbed),
      h('p', { class: 'exports' }, 'Download: ', jsonLink, ' · ', csvLink),
    ),
  );

  function sync(state: ViewState): void {
    for (const box of orgBoxes) box.checked = state.organizations === 'all' || state.organizations.includes(box.value);
    lastOrg.sync();
    presetButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(sameOrgs(PRESETS[i].organizations, state.organizations))));
    typeBoxes.forEach((b, i) => (b.checked = state.eventTypes.includes(EVENT_TYPES[i])));
    lastType.sync();
    openOnly.checked = state.openOnly;
    openOnly.disabled = !state.eventTypes.includes('RELEASE');
    jurisdictionSet.disabled = !state.eventTypes.includes('POLICY_ACTION');
    const codes = state.jurisdictions;
    for (const box of jurisdictionBoxes) box.checked = codes === 'all' || codes.includes(box.value);
    lastJurisdiction.sync();
    allJurisdictions.setAttribute('aria-pressed', String(codes === 'all'));
    from.value = state.from ?? '';
    to.value = state.to ?? '';
    viewButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === state.view)));
    share.value = location.href;
    embed.value = embedSnippet(state);
    const query = exportQuery(timelineFilter(state));
    jsonLink.href = serviceUrl(`/export/timeline.json?${query}`);
    csvLink.href = serviceUrl(`/export/timeline.csv?${query}`);
  }
  return { element, sync };
}
