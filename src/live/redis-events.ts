import type { Logger } from 'pino';
import { readyWithin, throttled, type SharedRedis } from '../redis/shared-redis';
import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { AccessLevels, Jurisdictions, PolicyActionKinds, PolicyTopics, TimelineEventTypes } from '../domain/vocabulary';
import { localFanOut, type TimelineChange, type TimelineEvents } from './timeline-events';

/*
 * The bus across replicas: every replica publishes to one Redis channel and relays what
 * arrives on it to its own subscribers (its own changes included, so every replica sees
 * the same stream). A message is checked before it is relayed: the channel is shared with
 * other versions of the service and anyone else who can reach Redis.
 */

const member = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

/** More signatories than any declaration has had; a longer list is not a message of this service. */
const MAX_OTHER_ORGANIZATIONS = 1000;

const matchFields = z.object({
  organization: z.string().min(1),
  date: z.string().refine(isIsoDate, 'must be a YYYY-MM-DD date'),
  accessLevel: member(AccessLevels.values).nullable(),
  isOpen: z.boolean().nullable(),
  topic: member(PolicyTopics.values).nullable(),
  // Later additions: messages from versions that predate them leave them out.
  jurisdiction: member(Jurisdictions.values).nullish(),
  policyActionKind: member(PolicyActionKinds.values).nullish(),
  otherOrganizations: z.array(z.string().min(1)).max(MAX_OTHER_ORGANIZATIONS).nullish(),
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

/** How often an idle subscriber connection is checked: a dead one (no answer) is dropped and made again. */
const SUBSCRIBER_PING_MS = 5000;

/**
 * Publishing goes through the service's shared command connection (fail fast, circuit
 * breaker); receiving needs a connection of its own (a subscribed connection can do
 * nothing else). A publish that fails is logged, not thrown: the change it announces is
 * already committed, and live updates are notifications, not the record.
 */
export async function redisEvents(redis: SharedRedis, channel: string, log: Logger): Promise<TimelineEvents> {
  const local = localFanOut();
  // Reconnects and re-subscribes by itself (ioredis autoResubscribe).
  const subscriber = redis.duplicateForSubscribing();
  subscriber.on(
    'error',
    throttled((err) => log.warn({ err }, 'live updates subscriber (Redis) error')),
  );
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const received = parseChangeMessage(text);
    if ('change' in received) local.deliver(received.change);
    else log.warn({ channel, reason: received.error, message: text.slice(0, 500) }, 'live updates: dropped a malformed message');
  });
  // A blackholed connection looks open until something is asked of it.
  const ping = setInterval(() => {
    if (subscriber.status === 'ready') subscriber.ping().catch(() => undefined);
  }, SUBSCRIBER_PING_MS);
  ping.unref();

  const subscribed = subscriber.subscribe(channel).then(
    () => true,
    (err) => {
      log.warn({ err, channel }, 'live updates: could not subscribe to the Redis channel yet');
      return false;
    },
  );
  const [publisherReady, subscriberReady] = await Promise.all([
    readyWithin(redis.client, 3000),
    Promise.race([subscribed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref())]),
  ]);
  if (!publisherReady || !subscriberReady)
    log.warn({ channel }, 'Redis is not reachable yet: live updates reach other replicas once it is');

  return {
    publish: async (change) => {
      try {
        await redis.run((client) => client.publish(channel, JSON.stringify(change)));
      } catch (err) {
        log.error({ err, channel, slug: change.slug, operation: change.operation }, 'live updates: could not publish a change');
      }
    },
    subscribe: local.subscribe,
    subscriberCount: local.subscriberCount,
    health: () => (subscriber.status === 'ready' ? 'ok' : 'degraded'),
    close: async () => {
      clearInterval(ping);
      local.close();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
