import { h } from './dom';
import { ACCESS_LEVELS, formatDate, shortName, STANCES, TOPICS } from './format';
import { actorName, keyOf, kindOf, type Item } from './items';

/** The same events as a plain ordered list, in date order: for screen readers, and for reading. */
export function renderList(container: HTMLElement, items: Item[], selectedKey: string | null, onSelect: (item: Item) => void): void {
  const rows = items.map((item) => {
    const isRelease = item.__typename === 'Release';
    return h(
      'li',
      { 'data-key': keyOf(item), 'data-org': item.organization.slug, 'data-kind': kindOf(item) },
      h('time', { datetime: item.date }, formatDate(item.date, item.datePrecision)),
      ' ',
      h('span', { class: 'list-kind' }, isRelease ? 'Release' : 'Position'),
      ' · ',
      h('span', { class: 'list-org' }, shortName(item.organization.name)),
      ' · ',
      h(
        'button',
        { type: 'button', class: 'link', 'aria-pressed': keyOf(item) === selectedKey ? 'true' : 'false', onclick: () => onSelect(item) },
        item.__typename === 'Release' ? item.name : actorName(item),
      ),
      ' ',
      item.__typename === 'Release'
        ? h('span', { class: `tag level-${item.accessLevel}` }, ACCESS_LEVELS[item.accessLevel].label)
        : h('span', { class: `tag stance-${item.stance}` }, `${STANCES[item.stance]} ${TOPICS[item.topic]}`),
      h('div', { class: 'list-title' }, item.title),
    );
  });
  container.replaceChildren(
    rows.length ? h('ol', { class: 'event-list' }, rows) : h('p', { class: 'empty' }, 'No events match these filters.'),
  );
}
