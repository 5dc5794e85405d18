import { h } from '../dom';
import { formatDate } from '../format';
import type { SourceLinkFragment } from '../gql/graphql';
import type { Item } from '../items';

/*
 * The details panel's building blocks. A kind of event describes its panel as a header and
 * a list of sections (see panel.ts); a section is a function of the record that gives an
 * element, or null when the record has nothing for it. Adding a section is adding one
 * function to a list.
 */

export type Section<T> = (record: T, links: Links) => HTMLElement | null;
/** How the panel links to another event: its share URL, and what following it in the page does. */
export interface Links {
  href: (item: Item) => string;
  follow: (item: Item) => void;
}
export interface Header {
  title: string;
  subtitle: string;
  tag: HTMLElement;
}

export const yesNo = (v: boolean): string => (v ? 'Yes' : 'No');

/** A titled section of the panel. */
export const section = (title: string, ...body: Array<Node | string | null | false>): HTMLElement =>
  h('section', { class: 'detail-section' }, h('h3', {}, title), ...body);

/** Label–value pairs. */
export const facts = (rows: Array<[string, Node | string] | null | false>, cls = 'facts'): HTMLElement =>
  h(
    'dl',
    { class: cls },
    rows.filter((r): r is [string, Node | string] => !!r).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );

/** A paragraph, or nothing for an empty text. */
export const text = (value: string | null | undefined, cls?: string): HTMLElement | null => (value ? h('p', { class: cls }, value) : null);

/** Sources as a list of links, each with its publisher and date. */
export const sourceList = (list: SourceLinkFragment[], cls = 'sources'): HTMLElement =>
  h(
    'ul',
    { class: cls },
    list.map((s) =>
      h(
        'li',
        {},
        h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title),
        s.publisher || s.publishedOn
          ? h(
              'span',
              { class: 'muted' },
              ` — ${[s.publisher, s.publishedOn && formatDate(s.publishedOn, s.publishedOnPrecision)].filter(Boolean).join(', ')}`,
            )
          : null,
      ),
    ),
  );

export function sources({ sources: list }: { sources: SourceLinkFragment[] }): HTMLElement {
  return section(`Sources (${list.length})`, sourceList(list));
}

export function header({ title, subtitle, tag }: Header, onClose: () => void): HTMLElement {
  return h(
    'header',
    { class: 'details-header' },
    h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: onClose }, '×'),
    h('h2', { id: 'details-title', tabindex: -1 }, title),
    h('p', { class: 'muted' }, subtitle),
    tag,
  );
}
