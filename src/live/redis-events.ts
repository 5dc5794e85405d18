import Redis from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { AccessLevels, PolicyTopics, TimelineEventTypes } from '../domain/vocabulary';
import { localFanOut, type TimelineChange, type TimelineEvents } from './timeline-events';

/*
 * The bus across replicas: every replica publishes to one Redis channel and relays what
 * arrives on it to its own subscribers (its own changes included, so every replica sees
 * the same stream). A message is checked before it is relayed: the channel is shared with
 * other versions of the service and anyone else who can reach Redis.
 */

const member = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

const matchFields = z.object({
  organization: z.string().min(1),
  date: z.string().refine(isIsoDate, 'must be a YYYY-MM-DD date'),
  accessLevel: member(AccessLevels.values).nullable(),
  isOpen: z.boolean().nullable(),
  topic: member(PolicyTopics.values).nullable(),
});

const changeMessage = z.object({
  operation: z.enum(['CREATE', 'UPDATE', 'DELETE']),
  eventType: member(TimelineEventTypes.values),
  slug: z.string().min(1),
  version: z.number().int().nullable(),
  fields: matchFields,
  previous: matchFields.nullable(),
  changedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a timestamp'),
  actor: z.string().nullable(),
}) satisfies z.ZodType<TimelineChange>;

/** A change as received, or why it is not one. */
export function parseChangeMessage(text: string): { change: TimelineChange } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const parsed = changeMessage.safeParse(json);
  if (parsed.success) return { change: parsed.data };
  return { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ') };
}

/** Resolves true once `redis` is ready, false if it is not within `ms` (it keeps trying). */
function readyWithin(redis: Redis, ms: number): Promise<boolean> {
  return Promise.race([
    new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}

/**
 * Two connections: a subscriber (a subscribed Redis connection can do nothing else) and a
 * publisher. A publish that fails is logged, not thrown: the change it announces is
 * already committed, and live updates are notifications, not the record.
 */
export async function redisEvents(url: string, channel: string, log: Logger): Promise<TimelineEvents> {
  const local = localFanOut();
  // Fail fast while disconnected rather than hold a mutation's answer up.
  const publisher = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // Reconnects and re-subscribes by itself (ioredis autoResubscribe).
  const subscriber = new Redis(url, { connectTimeout: 2000 });
  publisher.on('error', (err) => log.warn({ err }, 'live updates publisher (Redis) error'));
  subscriber.on('error', (err) => log.warn({ err }, 'live updates subscriber (Redis) error'));
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const received = parseChangeMessage(text);
    if ('change' in received) local.deliver(received.change);
    else log.warn({ channel, reason: received.error, message: text.slice(0, 500) }, 'live updates: dropped a malformed message');
  });

  const subscribed = subscriber.subscribe(channel).then(
    () => true,
    (err) => {
      log.warn({ err, channel }, 'live updates: could not subscribe to the Redis channel yet');
      return false;
    },
  );
  const [publisherReady, subscriberReady] = await Promise.all([
    readyWithin(publisher, 3000),
    Promise.race([subscribed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref())]),
  ]);
  if (!publisherReady || !subscriberReady) log.warn({ channel }, 'Redis is not reachable yet: live updates reach other replicas once it is');

  return {
    publish: async (change) => {
      try {
        await publisher.publish(channel, JSON.stringify(change));
      } catch (err) {
        log.error({ err, channel, slug: change.slug, operation: change.operation }, 'live updates: could not publish a change');
      }
    },
    subscribe: local.subscribe,
    subscriberCount: local.subscriberCount,
    close: async () => {
      local.close();
      await Promise.all([publisher, subscriber].map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
