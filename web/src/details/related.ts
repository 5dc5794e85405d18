import { h } from '../dom';
import type { EventLinksFragment, RelationType } from '../gql/graphql';
import { actionName, itemContext, keyOf, type Item } from '../items';
import { section, type Links } from './parts';

/*
 * "Related events": the links an event makes to others (EO 14148 revokes EO 14110) and
 * those others make to it (EO 14110 is revoked by EO 14148), for every kind of event. Each
 * is a real link to the share URL that selects the other event; the page follows it in
 * place (see main.ts), widening the view when the other event is hidden.
 */

/** Each link in words, both ways: "Revokes → Executive Order 14110", "Revoked by ← Executive Order 14148". */
const PHRASES = {
  REVOKES: { out: 'Revokes', in: 'Revoked by' },
  AMENDS: { out: 'Amends', in: 'Amended by' },
  IMPLEMENTS: { out: 'Implements', in: 'Implemented by' },
  SUPERSEDES: { out: 'Supersedes', in: 'Superseded by' },
  RESPONDS_TO: { out: 'Responds to', in: 'Answered by' },
  BASED_ON: { out: 'Based on', in: 'Basis for' },
} as const satisfies Record<RelationType, { out: string; in: string }>;

type Direction = keyof (typeof PHRASES)[RelationType];
type Link = EventLinksFragment['relations'][number];

/** The anchors in the panel and the events they lead to, so their URLs follow the view (`syncRelated`). */
const targets = new WeakMap<HTMLAnchorElement, Item>();

/** What a link to an event says: a release's name, a policy action's official name, a position's headline. */
const linkName = (item: Item): string =>
  item.__typename === 'Release' ? item.name : item.__typename === 'PolicyAction' ? actionName(item) : item.title;

/** A plain click follows the link in the page; a click meant for a new tab or window is the browser's. */
function onClick(links: Links, item: Item) {
  return (event: Event) => {
    const e = event as MouseEvent;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    links.follow(item);
  };
}

function entry({ type, note, event }: Link, direction: Direction, links: Links): HTMLElement {
  const a = h(
    'a',
    { href: links.href(event), class: 'related-link', 'data-key': keyOf(event), onclick: onClick(links, event) },
    linkName(event),
  );
  targets.set(a, event);
  return h(
    'li',
    { class: `relation relation-${direction}`, 'data-type': type, 'data-direction': direction },
    h('span', { class: 'relation-type' }, PHRASES[type][direction]),
    h('span', { class: 'relation-arrow', 'aria-hidden': 'true' }, direction === 'out' ? ' → ' : ' ← '),
    h('span', { class: 'visually-hidden' }, ': '),
    a,
    h('span', { class: 'muted relation-context' }, ` (${itemContext(event)})`),
    note ? h('p', { class: 'relation-note' }, note) : null,
  );
}

/** The section, or nothing for an event without links. */
export function related(record: EventLinksFragment, links: Links): HTMLElement | null {
  const entries = [...record.relations.map((r) => entry(r, 'out', links)), ...record.referencedBy.map((r) => entry(r, 'in', links))];
  return entries.length ? section(`Related events (${entries.length})`, h('ul', { class: 'relations' }, entries)) : null;
}

/** Points the panel's links at the current view's URLs, after the view changed. */
export function syncRelated(container: HTMLElement, links: Links): void {
  for (const a of container.querySelectorAll<HTMLAnchorElement>('a.related-link')) {
    const item = targets.get(a);
    if (item) a.href = links.href(item);
  }
}
