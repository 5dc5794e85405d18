import type { RecordKind } from '../curation/records';
import type { TimelineEventType } from '../domain/vocabulary';
import { positionTimeline } from '../positions/position.timeline';
import { releaseTimeline } from '../releases/release.timeline';
import type { TimelineEventKind } from './event-kind';

/** Every kind of event on the timeline. A new kind is its `*.timeline.ts` and a line here. */
export const EVENT_KINDS: readonly TimelineEventKind[] = [releaseTimeline, positionTimeline];

export function eventKind(type: TimelineEventType): TimelineEventKind {
  const kind = EVENT_KINDS.find((k) => k.type === type);
  if (!kind) throw new Error(`no timeline event kind of type ${type}`);
  return kind;
}

/** The event kind of a record kind's records, for a curation mutation's announcement. */
export function eventKindOfRecords(recordKind: RecordKind): TimelineEventKind {
  const kind = EVENT_KINDS.find((k) => k.recordKind === recordKind);
  if (!kind) throw new Error(`${recordKind} are not timeline events`);
  return kind;
}
