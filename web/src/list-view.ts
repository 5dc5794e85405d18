import { h } from './dom';
import { ACCESS_LEVELS, formatDate, shortName, STANCES, TOPICS } from './format';
import { actionTag, itemName, jurisdictionName, keyOf, kindOf, type Item } from './items';

/* The same events as a plain ordered list, in date order: for screen readers, and for reading. */

const KIND_LABELS = { release: 'Release', position: 'Position', action: 'Policy action' } as const;

/** Who: the organization, or for a policy action the jurisdiction it applies in. */
const whoOf = (item: Item) =>
  item.__typename === 'PolicyAction' ? jurisdictionName(item.jurisdiction) : shortName(item.organization.name);

function tag(item: Item): HTMLElement {
  if (item.__typename === 'Release') return h('span', { class: `tag level-${item.accessLevel}` }, ACCESS_LEVELS[item.accessLevel].label);
  if (item.__typename === 'PolicyPosition')
    return h('span', { class: `tag stance-${item.stance}` }, `${STANCES[item.stance]} ${TOPICS[item.topic]}`);
  return h('span', { class: `tag action status-${item.status}` }, actionTag(item));
}

export function renderList(container: HTMLElement, items: Item[], selectedKey: string | null, onSelect: (item: Item) => void): void {
  const rows = items.map((item) =>
    h(
      'li',
      {
        'data-key': keyOf(item),
        'data-org': item.organization.slug,
        'data-kind': kindOf(item),
        'data-jurisdiction': item.__typename === 'PolicyAction' ? item.jurisdiction.code : null,
      },
      h('time', { datetime: item.date }, formatDate(item.date, item.datePrecision)),
      ' ',
      h('span', { class: 'list-kind' }, KIND_LABELS[kindOf(item)]),
      ' · ',
      h('span', { class: 'list-org' }, whoOf(item)),
      ' · ',
      h(
        'button',
        { type: 'button', class: 'link', 'aria-pressed': keyOf(item) === selectedKey ? 'true' : 'false', onclick: () => onSelect(item) },
        itemName(item),
      ),
      ' ',
      tag(item),
      h('div', { class: 'list-title' }, item.title),
    ),
  );
  container.replaceChildren(
    rows.length ? h('ol', { class: 'event-list' }, rows) : h('p', { class: 'empty' }, 'No events match these filters.'),
  );
}
