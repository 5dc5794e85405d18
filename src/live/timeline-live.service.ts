import type { Store } from '../db/connect';
import { createLoaders, type Context, type Loaders } from '../app/context';
import { NotFoundError } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay/global-id';
import { eventKind } from '../timeline/event-kinds';
import { TYPE_NAMES, type TimelineEvent } from '../timeline/timeline-event.type';
import type { TimelineFilter } from '../timeline/timeline.inputs';
import { timelineCriteria } from '../timeline/timeline.service';
import { TimelineEventChange } from './timeline-event-change.type';
import type { TimelineChange } from './timeline-events';
import { isAddition, isChange } from './timeline-match';

/**
 * `start(signal)`'s items until the consumer returns. The signal is aborted first: an
 * async generator waiting for the next change would otherwise hold `return()` back until
 * one arrived, and an idle subscription would never let go.
 */
function untilReturned<T>(start: (signal: AbortSignal) => AsyncIterable<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = start(controller.signal)[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<T> = {
    next: () => inner.next(),
    return: async () => {
      controller.abort();
      await inner.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * One loader set per published change (and store), shared by every subscription the change
 * reaches: with a thousand subscribers the event and what their selections ask for are
 * read once per change, not once per subscriber. The set is made after the change was
 * committed, so nothing it reads predates the change; it goes when the change does. It is
 * safe to share: subscriptions are anonymous, and loaders carry no viewer.
 */
const loadersByChange = new WeakMap<TimelineChange, Map<Store, Loaders>>();
function loadersFor(change: TimelineChange, store: Store): Loaders {
  let byStore = loadersByChange.get(change);
  if (!byStore) loadersByChange.set(change, (byStore = new Map()));
  let loaders = byStore.get(store);
  if (!loaders) byStore.set(store, (loaders = createLoaders(store)));
  return loaders;
}

/**
 * One subscription's turn per event-loop iteration: every subscription hears of a change
 * at once, and their executions, all on data the shared loaders hold, would otherwise
 * run back to back in one piece (a second with a thousand subscribers), with no request
 * served meanwhile. Chained through setImmediate, requests get their turn in between.
 */
const turnsByChange = new WeakMap<TimelineChange, Promise<void>>();
function turnFor(change: TimelineChange): Promise<void> {
  const turn = (turnsByChange.get(change) ?? Promise.resolve()).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  turnsByChange.set(change, turn);
  return turn;
}

/** The changes a subscription wants, from the moment it is set up until the client unsubscribes. */
function matchingChanges(ctx: Context, accept: (change: TimelineChange) => boolean): AsyncIterableIterator<TimelineChange> {
  return untilReturned((signal) => {
    const changes = ctx.events.subscribe(signal);
    return (async function* () {
      for await (const change of changes) {
        if (!accept(change)) continue;
        // One context serves the whole subscription, and each change is executed only after the
        // previous one was sent: the change's own loaders mean nothing read for an earlier change is served stale.
        ctx.refreshLoaders(loadersFor(change, ctx.store));
        await turnFor(change);
        yield change;
      }
    })();
  });
}

/** Checks the filter as the `timeline` query does (a bad one is refused before anything is delivered). */
export async function eventsAdded(ctx: Context, filter: TimelineFilter | null | undefined): Promise<AsyncIterable<TimelineChange>> {
  await timelineCriteria(ctx, filter);
  return matchingChanges(ctx, (change) => isAddition(change, filter));
}

export async function eventsChanged(ctx: Context, filter: TimelineFilter | null | undefined): Promise<AsyncIterable<TimelineChange>> {
  await timelineCriteria(ctx, filter);
  return matchingChanges(ctx, (change) => isChange(change, filter));
}

function currentEvent(ctx: Context, change: TimelineChange): Promise<TimelineEvent | null> {
  return eventKind(change.eventType).bySlug(ctx, change.slug);
}

export async function addedEvent(ctx: Context, change: TimelineChange): Promise<TimelineEvent> {
  const event = await currentEvent(ctx, change);
  if (!event) throw new NotFoundError(`${TYPE_NAMES[change.eventType]} "${change.slug}" was added, but is gone by now (deleted since?).`);
  return event;
}

export async function eventChange(ctx: Context, change: TimelineChange): Promise<TimelineEventChange> {
  const deleted = change.operation === 'DELETE';
  return Object.assign(new TimelineEventChange(), {
    operation: deleted ? 'DELETED' : 'UPDATED',
    eventId: toGlobalId(TYPE_NAMES[change.eventType], change.slug),
    slug: change.slug,
    eventType: change.eventType,
    version: deleted ? null : change.version,
    event: deleted ? null : await currentEvent(ctx, change),
    changedAt: new Date(change.changedAt),
    actor: change.actor,
  });
}
