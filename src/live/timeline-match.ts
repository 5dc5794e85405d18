import type { TimelineEventType } from '../domain/vocabulary';
import { eventKind } from '../timeline/event-kinds';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import type { TimelineChange, TimelineMatchFields } from './timeline-events';

/*
 * Whether an event belongs in a `TimelineFilter`: the `timeline` query's conditions for
 * one event, as its kind states them (see timeline/event-kind.ts).
 */

export function matchesTimelineFilter(
  eventType: TimelineEventType,
  fields: TimelineMatchFields,
  filter: TimelineFilter | null | undefined,
): boolean {
  return !filter || eventKind(eventType).matches(filter, fields);
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
