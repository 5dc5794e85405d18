import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import pino from 'pino';
import { createApiKey } from '../../src/auth/api-keys';
import { openStore, type Store } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { loadConfig } from '../../src/config';
import { parseChangeMessage, redisEvents } from '../../src/live/redis-events';
import { connectSharedRedis } from '../../src/redis/shared-redis';
import type { TimelineChange, TimelineEvents } from '../../src/live/timeline-events';
import { applySeed } from '../../src/seed/seed.apply';
import { createTestSchema, createTestStore, seed, STORE_KINDS, testPostgresConfig, type StoreKind } from '../support/harness';
import { startService } from '../support/service';
import { CREATE_RELEASE, curate, LiveClient, newRelease, UPDATE_RELEASE, untilSubscribers } from '../support/subscriptions';

/*
 * Fan-out through this machine's Redis: a change published by one replica reaches the
 * subscribers of another. Every test works on a channel of its own, so parallel runs on
 * one Redis do not hear each other.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A bus as a service makes it: over a shared command connection, closed with the bus. */
async function redisBus(channel: string, log: pino.Logger): Promise<TimelineEvents> {
  const shared = await connectSharedRedis(REDIS_URL, loadConfig({}).redis, log);
  const bus = await redisEvents(shared, channel, log);
  return {
    ...bus,
    close: async () => {
      await bus.close();
      await shared.close();
    },
  };
}
const uniqueChannel = () => `timeline:events:test-${process.pid}-${randomBytes(4).toString('hex')}`;

const change = (slug: string, over: Partial<TimelineChange> = {}): TimelineChange => ({
  operation: 'CREATE',
  eventType: 'RELEASE',
  slug,
  version: 1,
  fields: { organization: 'meta', date: '2026-03-01', accessLevel: 'OPEN_WEIGHTS', isOpen: true, topic: null },
  previous: null,
  changedAt: '2026-03-01T12:00:00.000Z',
  actor: 'ada',
  ...over,
});

/** The next change `events` delivers (listening from now), or a failure after `ms`. */
function nextChange(events: TimelineEvents, ms = 5000): Promise<TimelineChange> {
  const controller = new AbortController();
  const changes = events.subscribe(controller.signal)[Symbol.asyncIterator]();
  const timer = setTimeout(() => controller.abort(), ms);
  return changes.next().then((r) => {
    clearTimeout(timer);
    controller.abort();
    if (r.done) throw new Error(`no change within ${ms} ms`);
    return r.value;
  });
}

describe('parseChangeMessage (what arrives from Redis)', () => {
  const valid = change('open-letter', {
    eventType: 'POLICY_POSITION',
    fields: { organization: 'meta', date: '2024-07-23', accessLevel: null, isOpen: null, topic: 'OPEN_SOURCE_AI' },
  });

  it('accepts a change and drops keys it does not know', () => {
    expect(parseChangeMessage(JSON.stringify({ ...valid, extra: 1 }))).toEqual({ change: valid });
  });

  it("accepts a policy action's signatories, and a message without them from an older version", () => {
    const signed = change('seoul-frontier-ai-safety-commitments', {
      eventType: 'POLICY_ACTION',
      fields: {
        ...valid.fields,
        topic: null,
        jurisdiction: 'INTL',
        policyActionKind: 'VOLUNTARY_COMMITMENT',
        otherOrganizations: ['meta'],
      },
    });
    expect(parseChangeMessage(JSON.stringify(signed))).toEqual({ change: signed });
    const { otherOrganizations: _, ...older } = signed.fields;
    expect(parseChangeMessage(JSON.stringify({ ...signed, fields: older }))).toEqual({ change: { ...signed, fields: older } });
  });

  it.each([
    ['not JSON', '{"operation":', 'not JSON'],
    ['an unknown operation', JSON.stringify({ ...valid, operation: 'UPSERT' }), 'operation'],
    ['a bad date', JSON.stringify({ ...valid, fields: { ...valid.fields, date: '2024-02-30' } }), 'fields.date'],
    ['an unknown access level', JSON.stringify({ ...valid, fields: { ...valid.fields, accessLevel: 'OPENISH' } }), 'fields.accessLevel'],
    ['a missing slug', JSON.stringify({ ...valid, slug: undefined }), 'slug'],
    ['a bad timestamp', JSON.stringify({ ...valid, changedAt: 'yesterday' }), 'changedAt'],
    ['a bare string', '"hello"', '(message)'],
    [
      'signatories that are not a list',
      JSON.stringify({ ...valid, fields: { ...valid.fields, otherOrganizations: 'meta' } }),
      'fields.otherOrganizations',
    ],
  ])('refuses %s, saying where', (_name, text, where) => {
    const parsed = parseChangeMessage(text);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toContain(where);
  });
});

describe('the Redis event bus', () => {
  const warnings: Array<{ msg: string; reason?: string }> = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  let channel: string;
  let a: TimelineEvents;
  let b: TimelineEvents;
  let raw: Redis;
  beforeAll(async () => {
    channel = uniqueChannel();
    [a, b] = await Promise.all([redisBus(channel, log), redisBus(channel, log)]);
    raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), raw.quit()]);
  });

  it('delivers a change published on one bus to the subscribers of every bus on the channel, its own included', async () => {
    const onB = nextChange(b);
    const onA = nextChange(a);
    await a.publish(change('llama-fanned-out'));
    expect(await onB).toEqual(change('llama-fanned-out'));
    expect(await onA).toEqual(change('llama-fanned-out'));
  });

  it('does not deliver what was published on another channel', async () => {
    const other = await redisBus(uniqueChannel(), log);
    try {
      const onB = nextChange(b);
      await other.publish(change('elsewhere'));
      await a.publish(change('here'));
      expect((await onB).slug).toBe('here');
    } finally {
      await other.close();
    }
  });

  it('logs and drops a malformed message, and goes on delivering', async () => {
    warnings.length = 0;
    const onB = nextChange(b);
    await raw.publish(channel, '{"operation": "CREATE"');
    await raw.publish(channel, JSON.stringify({ ...change('bad'), fields: { organization: 'meta' } }));
    await a.publish(change('after-the-bad-ones'));
    expect((await onB).slug).toBe('after-the-bad-ones');
    // Each bus on the channel (a and b) drops both.
    const reasons = warnings.filter((w) => w.msg === 'live updates: dropped a malformed message').map((w) => w.reason!.split(':')[0]);
    expect(reasons.sort()).toEqual(['fields.date', 'fields.date', 'not JSON', 'not JSON']);
  });

  it('ends its subscriptions when closed', async () => {
    const bus = await redisBus(uniqueChannel(), log);
    const iterator = bus.subscribe(new AbortController().signal)[Symbol.asyncIterator]();
    const pending = iterator.next();
    expect(bus.subscriberCount()).toBe(1);
    await bus.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(bus.subscriberCount()).toBe(0);
  });
});

/** Two stores on one database, as two replicas have; SQLite is one process's file, so there both services share one store. */
async function sharedStores(kind: StoreKind): Promise<{ stores: [Store, Store]; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const store = await createTestStore();
    return { stores: [store, store], close: () => store.close() };
  }
  const { schema, drop } = await createTestSchema();
  const first = openStore(testPostgresConfig(schema));
  const second = openStore(testPostgresConfig(schema));
  await migrateToLatest(first);
  await applySeed(first, seed());
  return {
    stores: [first, second],
    close: async () => {
      await Promise.all([first.close(), second.close()]);
      await drop();
    },
  };
}

describe.each(STORE_KINDS)('two replicas sharing Redis and the database (%s)', (kind) => {
  let shared: Awaited<ReturnType<typeof sharedStores>>;
  let replicas: Array<Awaited<ReturnType<typeof startService>>>;
  let key: string;
  beforeAll(async () => {
    shared = await sharedStores(kind);
    const env = { REDIS_URL, REDIS_EVENTS_CHANNEL: uniqueChannel(), RESPONSE_CACHE: 'false', RATE_LIMIT_MAX: '0' };
    replicas = await Promise.all(shared.stores.map((store) => startService(store, env)));
    key = (await createApiKey(shared.stores[0].db, `replica-editor-${kind}`, 'EDITOR')).key;
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await shared.close();
  });

  it('delivers a release created on replica A to a subscriber on replica B, and its update too', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const onB = new LiveClient(b.base);
    const onA = new LiveClient(a.base);
    try {
      const added = onB.subscribe(
        'subscription { timelineEventAdded(filter: { organizations: ["meta"] }) { __typename slug title organization { name } sources { url } } }',
      );
      const changed = onB.subscribe(
        'subscription { timelineEventChanged(filter: { organizations: ["meta"] }) { operation slug version actor event { ... on Release { accessLevel } } } }',
      );
      const addedOnA = onA.subscribe('subscription { timelineEventAdded { slug } }');
      await untilSubscribers(b.service.events, 2);
      await untilSubscribers(a.service.events, 1);

      await curate(a.base, key, CREATE_RELEASE, newRelease('llama-on-two-replicas', 'meta'));
      expect((await added.data()).timelineEventAdded).toEqual({
        __typename: 'Release',
        slug: 'llama-on-two-replicas',
        title: expect.any(String),
        organization: { name: 'Meta Platforms, Inc.' },
        sources: [{ url: 'https://example.org/llama-on-two-replicas' }],
      });
      expect((await addedOnA.data()).timelineEventAdded.slug).toBe('llama-on-two-replicas');

      await curate(a.base, key, UPDATE_RELEASE, {
        id: toGlobalId('Release', 'llama-on-two-replicas'),
        version: 1,
        accessLevel: 'GATED_WEIGHTS',
      });
      expect((await changed.data()).timelineEventChanged).toEqual({
        operation: 'UPDATED',
        slug: 'llama-on-two-replicas',
        version: 2,
        actor: 'EDITOR', // the key's role: its name is not public
        event: { accessLevel: 'GATED_WEIGHTS' },
      });
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });
});
