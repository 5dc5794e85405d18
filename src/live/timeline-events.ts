import { EventEmitter, on } from 'node:events';
import type { TimelineEventType } from '../domain/vocabulary';

/*
 * What a curation mutation announces after its transaction commits, and what the
 * `timelineEventAdded` / `timelineEventChanged` subscriptions listen to. The message
 * carries only what subscription filters match on; subscribers load the event itself.
 */

/**
 * The fields a `TimelineFilter` matches on, as they are at one moment: those every event
 * has, then those of each kind (see each kind's `*.timeline.ts`), null for other kinds.
 * Every key stays in every message: replicas of other versions read it.
 */
export interface TimelineMatchFields {
  organization: string;
  date: string;
  /** Releases only. */
  accessLevel: string | null;
  isOpen: boolean | null;
  /** Policy positions only. */
  topic: string | null;
  /** Policy actions only; absent from messages of versions without them. */
  jurisdiction?: string | null;
  policyActionKind?: string | null;
  /**
   * Organizations the event also belongs to (a policy action's signatories), matched by
   * `organizations` like `organization`; absent from messages of versions without them.
   */
  otherOrganizations?: string[] | null;
}

/** The kind-specific fields, all unset: a kind spreads these after the common fields and sets its own (key order as published before). */
export const NO_KIND_FIELDS = {
  accessLevel: null,
  isOpen: null,
  topic: null,
  jurisdiction: null,
  policyActionKind: null,
} as const satisfies Omit<TimelineMatchFields, 'organization' | 'otherOrganizations' | 'date'>;

export interface TimelineChange {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  eventType: TimelineEventType;
  slug: string;
  /** The version after the change; null after a delete. */
  version: number | null;
  /** After the change (for a delete: as it was). */
  fields: TimelineMatchFields;
  /** Before the change, for updates: an event that moves out of a filter still reaches its subscribers. */
  previous: TimelineMatchFields | null;
  changedAt: string;
  /** Role of the curator who made the change (keys are not named). */
  actor: string | null;
}

export interface TimelineEvents {
  /** Announces a committed change to every subscriber, on every replica sharing the bus. */
  publish(change: TimelineChange): Promise<void>;
  /** Every change from now on (from this call, not from the first `next()`), until `signal` aborts. */
  subscribe(signal: AbortSignal): AsyncIterable<TimelineChange>;
  /** Subscriptions listening in this process. */
  subscriberCount(): number;
  /** Whether the bus between replicas is connected; absent when there is none (one process). */
  health?(): 'ok' | 'degraded';
  close(): Promise<void>;
}

/** Delivery to this process's subscribers; the bus implementations differ only in what feeds it. */
export function localFanOut() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per subscription
  return {
    deliver: (change: TimelineChange) => void emitter.emit('change', change),
    subscribe: (signal: AbortSignal): AsyncIterable<TimelineChange> => {
      if (signal.aborted) return (async function* () {})();
      // Listening starts here, so a change published right after `subscribe` returns is not missed.
      const changes = on(emitter, 'change', { signal, close: ['close'] });
      return (async function* () {
        try {
          for await (const [change] of changes) yield change as TimelineChange;
        } catch (err) {
          if ((err as Error).name !== 'AbortError') throw err;
        }
      })();
    },
    subscriberCount: () => emitter.listenerCount('change'),
    /** Ends every subscription (their iterators finish). */
    close: () => void emitter.emit('close'),
  };
}

/** One process: the default when no REDIS_URL is configured. */
export function inProcessEvents(): TimelineEvents {
  const local = localFanOut();
  return {
    publish: async (change) => local.deliver(change),
    subscribe: local.subscribe,
    subscriberCount: local.subscriberCount,
    close: async () => local.close(),
  };
}
