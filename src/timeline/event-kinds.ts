import type { TimelineEventType } from '../domain/vocabulary';
import { KINDS } from '../records/registry';
import type { TimelineEventKind } from './event-kind';

/*
 * Every kind of event on the timeline: the record kinds in the registry that have a
 * timeline part. Read when first needed, not when this module loads: the kinds' own
 * modules reach the timeline's while the registry is still loading them.
 */
let kinds: readonly TimelineEventKind[] | undefined;
export const eventKinds = (): readonly TimelineEventKind[] => (kinds ??= KINDS.flatMap((def) => (def.timeline ? [def.timeline] : [])));

export function eventKind(type: TimelineEventType): TimelineEventKind {
  const kind = eventKinds().find((k) => k.type === type);
  if (!kind) throw new Error(`no timeline event kind of type ${type}`);
  return kind;
}
