import type { TimelineEventType } from '../domain/vocabulary';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import type { TimelineChange, TimelineMatchFields } from './timeline-events';

/*
 * Whether an event belongs in a `TimelineFilter`: the `timeline` query's SQL
 * (timeline.repository.ts, filteredReleases, filteredPositions) restated for one event.
 * A list that is given matches any of its values, so an empty list matches nothing;
 * release-only fields leave positions alone and position-only fields leave releases alone.
 */

const within = <T>(list: readonly T[] | null | undefined, value: T | null): boolean =>
  list == null || (value !== null && list.includes(value));

export function matchesTimelineFilter(
  eventType: TimelineEventType,
  fields: TimelineMatchFields,
  filter: TimelineFilter | null | undefined,
): boolean {
  if (!filter) return true;
  if (!within(filter.eventTypes, eventType)) return false;
  if (!within(filter.organizations, fields.organization)) return false;
  if (filter.from && fields.date < filter.from) return false;
  if (filter.to && fields.date > filter.to) return false;
  if (eventType === 'RELEASE') {
    if (!within(filter.accessLevels, fields.accessLevel)) return false;
    if (filter.openOnly && fields.isOpen !== true) return false;
  } else if (!within(filter.topics, fields.topic)) {
    return false;
  }
  return true;
}

/** `timelineEventAdded`: a new event in the filter. */
export function isAddition(change: TimelineChange, filter: TimelineFilter | null | undefined): boolean {
  return change.operation === 'CREATE' && matchesTimelineFilter(change.eventType, change.fields, filter);
}

/** `timelineEventChanged`: an update or delete of an event that is, or was until now, in the filter. */
export function isChange(change: TimelineChange, filter: TimelineFilter | null | undefined): boolean {
  if (change.operation === 'CREATE') return false;
  if (matchesTimelineFilter(change.eventType, change.fields, filter)) return true;
  return change.previous !== null && matchesTimelineFilter(change.eventType, change.previous, filter);
}
