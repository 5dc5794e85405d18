import { ACCESS_LEVELS, formatDate, shortName, STANCES, TOPICS } from './format';
import type { TimelinePageQuery } from './gql/graphql';
import type { EventKind } from './state';

type Node = TimelinePageQuery['timeline']['nodes'][number];
/** One event the page shows, as the timeline query returns it (policy actions do not have their lane yet). */
export type Item = Exclude<Node, { __typename: 'PolicyAction' }>;
export const isShown = (node: Node): node is Item => node.__typename !== 'PolicyAction';

export const kindOf = (item: Item): EventKind => (item.__typename === 'Release' ? 'release' : 'position');
export const keyOf = (item: Item): string => `${kindOf(item)}:${item.slug}`;

/** Who took a position: a person's full name, an organization's short one. */
export const actorName = (item: Extract<Item, { __typename: 'PolicyPosition' }>): string =>
  item.actor.__typename === 'Person' ? item.actor.name : shortName(item.actor.name);

/** The two lines a marker shows: what, and how open (or which stance). */
export function markerText(item: Item): { name: string; tag: string } {
  if (item.__typename === 'Release') return { name: item.name, tag: ACCESS_LEVELS[item.accessLevel].label };
  return { name: actorName(item), tag: `${STANCES[item.stance]} ${TOPICS[item.topic]}` };
}

/** Everything a screen reader needs in one phrase. */
export function describeItem(item: Item): string {
  const when = formatDate(item.date, item.datePrecision);
  const org = shortName(item.organization.name);
  if (item.__typename === 'Release')
    return `${item.name}, release by ${org}, ${when}, ${ACCESS_LEVELS[item.accessLevel].label.toLowerCase()}`;
  return `${actorName(item)} (${org}), ${when}: ${STANCES[item.stance].toLowerCase()} ${TOPICS[item.topic]}`;
}
