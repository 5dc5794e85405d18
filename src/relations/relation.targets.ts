import type { TimelineEventType } from '../domain/vocabulary';
import type { MainTable, RecordKind } from '../records/kind';

/*
 * What a relation's `targetType` (a `TimelineEventType`, also the kind's subject name)
 * stands for: the record kind holding those events, its table and what one is called.
 * Read while the kinds are being defined, so from here and not from the registry (which
 * is loading them then); a test holds the two to agreement. A new kind of event adds its
 * line here.
 */
export interface EventTarget {
  key: RecordKind;
  table: MainTable;
  noun: string;
}

export const EVENT_TARGETS: Record<TimelineEventType, EventTarget> = {
  RELEASE: { key: 'releases', table: 'releases', noun: 'release' },
  POLICY_POSITION: { key: 'policyPositions', table: 'policy_positions', noun: 'policy position' },
  POLICY_ACTION: { key: 'policyActions', table: 'policy_actions', noun: 'policy action' },
};

export const EVENT_TYPES = Object.keys(EVENT_TARGETS) as TimelineEventType[];
