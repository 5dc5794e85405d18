import { EventEmitter, on } from 'node:events';

/*
 * What a curation mutation announces after its transaction commits, and what the
 * `timelineEventAdded` / `timelineEventChanged` subscriptions listen to. The message
 * carries only what subscription filters match on; subscribers load the event itself.
 */

/** The fields a `TimelineFilter` matches on, as they are at one moment. */
export interface TimelineMatchFields {
  organization: string;
  date: string;
  /** Releases only. */
  accessLevel: string | null;
  isOpen: boolean | null;
  /** Policy positions only. */
  topic: string | null;
}

export interface TimelineChange {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  eventType: 'RELEASE' | 'POLICY_POSITION';
  slug: string;
  /** The version after the change; null after a delete. */
  version: number | null;
  /** After the change (for a delete: as it was). */
  fields: TimelineMatchFields;
  /** Before the change, for updates: an event that moves out of a filter still reaches its subscribers. */
  previous: TimelineMatchFields | null;
  changedAt: string;
  /** Key name of the curator who made the change. */
  actor: string | null;
}

export interface TimelineEvents {
  /** Announces a committed change to every subscriber, on every replica sharing the bus. */
  publish(change: TimelineChange): Promise<void>;
  /** Every change from now on, until `signal` aborts. */
  subscribe(signal: AbortSignal): AsyncIterable<TimelineChange>;
  close(): Promise<void>;
}

/** One process: the default when no REDIS_URL is configured. */
export function inProcessEvents(): TimelineEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per subscription
  return {
    publish: async (change) => {
      emitter.emit('change', change);
    },
    subscribe: (signal) =>
      (async function* () {
        try {
          for await (const [change] of on(emitter, 'change', { signal })) yield change as TimelineChange;
        } catch (err) {
          if ((err as Error).name !== 'AbortError') throw err;
        }
      })(),
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
