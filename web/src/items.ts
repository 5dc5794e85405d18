import { ACCESS_LEVELS, ACTION_KINDS, ACTION_STATUSES, formatDate, shortName, STANCES, TOPICS } from './format';
import type { TimelineItemFragment } from './gql/graphql';
import { KIND_OF_TYPE, type EventKind } from './state';

/** One event the page shows, as the timeline query (and a link between events) returns it. */
export type Item = TimelineItemFragment;
export type ReleaseItem = Extract<Item, { __typename: 'Release' }>;
export type PositionItem = Extract<Item, { __typename: 'PolicyPosition' }>;
export type ActionItem = Extract<Item, { __typename: 'PolicyAction' }>;

const KIND_OF_TYPENAME = {
  Release: KIND_OF_TYPE.RELEASE,
  PolicyPosition: KIND_OF_TYPE.POLICY_POSITION,
  PolicyAction: KIND_OF_TYPE.POLICY_ACTION,
} as const satisfies Record<Item['__typename'], EventKind>;

export const kindOf = (item: Item): EventKind => KIND_OF_TYPENAME[item.__typename];
export const keyOf = (item: Item): string => `${kindOf(item)}:${item.slug}`;

/** Who took a position: a person's full name, an organization's short one. */
export const actorName = (item: PositionItem): string =>
  item.actor.__typename === 'Person' ? item.actor.name : shortName(item.actor.name);

/** A jurisdiction's name that fits a label: "International", not "International (summits and ...)". */
export const jurisdictionName = (j: { name: string }): string => shortName(j.name);

/** What a policy action is called: its official name where it has one ("Executive Order 14110"). */
export const actionName = (item: Pick<ActionItem, 'officialName' | 'title'>): string => item.officialName ?? item.title;

/** "Executive order · revoked": what sort of measure, and where it stands. */
export const actionTag = (item: Pick<ActionItem, 'kind' | 'status'>): string =>
  `${ACTION_KINDS[item.kind]} · ${ACTION_STATUSES[item.status].toLowerCase()}`;

/** The name an event goes by in a marker or a list. */
export function itemName(item: Item): string {
  if (item.__typename === 'Release') return item.name;
  if (item.__typename === 'PolicyPosition') return actorName(item);
  return actionName(item);
}

/** The two lines a marker shows: what, and how open (or which stance, or which sort of measure). */
export function markerText(item: Item): { name: string; tag: string } {
  if (item.__typename === 'Release') return { name: item.name, tag: ACCESS_LEVELS[item.accessLevel].label };
  if (item.__typename === 'PolicyPosition') return { name: actorName(item), tag: `${STANCES[item.stance]} ${TOPICS[item.topic]}` };
  return { name: actionName(item), tag: actionTag(item) };
}

const KIND_NOUNS = { release: 'Release', position: 'Policy position', action: 'Policy action' } as const satisfies Record<
  EventKind,
  string
>;

/** Where and when, for a link to an event: "Release by Meta, 18 Jul 2023", "Policy action, United States, 30 Oct 2023". */
export function itemContext(item: Item): string {
  const when = formatDate(item.date, item.datePrecision);
  if (item.__typename === 'Release') return `${KIND_NOUNS.release} by ${shortName(item.organization.name)}, ${when}`;
  if (item.__typename === 'PolicyPosition')
    return `${KIND_NOUNS.position}, ${actorName(item)} (${shortName(item.organization.name)}), ${when}`;
  return `${KIND_NOUNS.action}, ${jurisdictionName(item.jurisdiction)}, ${when}`;
}

/** Everything a screen reader needs in one phrase. */
export function describeItem(item: Item): string {
  const when = formatDate(item.date, item.datePrecision);
  const org = shortName(item.organization.name);
  if (item.__typename === 'Release')
    return `${item.name}, release by ${org}, ${when}, ${ACCESS_LEVELS[item.accessLevel].label.toLowerCase()}`;
  if (item.__typename === 'PolicyPosition')
    return `${actorName(item)} (${org}), ${when}: ${STANCES[item.stance].toLowerCase()} ${TOPICS[item.topic]}`;
  return `${actionName(item)}, ${actionTag(item).toLowerCase()}, ${jurisdictionName(item.jurisdiction)}, ${when}`;
}
