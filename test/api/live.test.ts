import 'reflect-metadata';
import WebSocket from 'ws';
import { createApiKey } from '../../src/auth/api-keys';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { postJson, startLive, type Live } from '../support/live';
import { CREATE_RELEASE, curate, DELETE_RELEASE, LiveClient, newRelease, UPDATE_RELEASE, untilSubscribers } from '../support/subscriptions';

/*
 * Live updates end to end, in one process: a real graphql-ws client subscribes to a real
 * service, curators change data through the real mutations over HTTP, and the subscriber
 * hears of exactly the changes its filter matches, with each event read afresh.
 */

const EVENT =
  '__typename id slug title version organization { slug } sources { url } ... on Release { accessLevel isOpen license { slug } } ... on PolicyPosition { topic }';
const ADDED = `subscription ($filter: TimelineFilter) { timelineEventAdded(filter: $filter) { ${EVENT} } }`;
const CHANGED = `subscription ($filter: TimelineFilter) { timelineEventChanged(filter: $filter) { operation eventId slug eventType version changedAt actor event { ${EVENT} } } }`;

describe('live updates over graphql-ws (one service)', () => {
  let live: Live;
  let key: string;
  let client: LiveClient;

  beforeAll(async () => {
    live = await startLive();
    key = (await createApiKey(live.store.db, 'live-editor', 'EDITOR')).key;
  });
  beforeEach(() => {
    client = new LiveClient(live.base);
  });
  afterEach(async () => {
    await client.close();
    await untilSubscribers(live.service.events, 0);
  });
  afterAll(() => live.close());

  const mutate = (query: string, input: Record<string, unknown>) => curate(live.base, key, query, input);

  it('delivers a created release that matches the filter, with its fields resolved, and not one that does not', async () => {
    const added = client.subscribe(ADDED, { filter: { organizations: ['meta'], eventTypes: ['RELEASE'] } });
    await untilSubscribers(live.service.events, 1);

    await mutate(CREATE_RELEASE, newRelease('not-for-meta-watchers', 'openai', { accessLevel: 'API' }));
    await mutate(CREATE_RELEASE, newRelease('llama-live', 'meta', { license: 'llama-4-community-license' }));

    // Changes arrive in order: had the OpenAI release been delivered, it would come first.
    const { timelineEventAdded: event } = await added.data();
    expect(event).toEqual({
      __typename: 'Release',
      id: toGlobalId('Release', 'llama-live'),
      slug: 'llama-live',
      title: expect.any(String),
      version: 1,
      organization: { slug: 'meta' },
      sources: [{ url: 'https://example.org/llama-live' }],
      accessLevel: 'OPEN_WEIGHTS',
      isOpen: true,
      license: { slug: 'llama-4-community-license' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(added.pending()).toEqual([]);
  });

  it('delivers updates with the event as it is now (fresh each time), and a delete with a null event', async () => {
    await mutate(CREATE_RELEASE, newRelease('changing-model', 'meta'));
    const changed = client.subscribe(CHANGED, { filter: { organizations: ['meta'] } });
    await untilSubscribers(live.service.events, 1);

    await mutate(UPDATE_RELEASE, {
      id: toGlobalId('Release', 'changing-model'),
      version: 1,
      summary: 'First correction.',
      name: 'Changing Model A',
    });
    const first = (await changed.data()).timelineEventChanged;
    expect(first).toMatchObject({
      operation: 'UPDATED',
      eventId: toGlobalId('Release', 'changing-model'),
      slug: 'changing-model',
      eventType: 'RELEASE',
      version: 2,
      actor: 'EDITOR',
    }); // the key's role: its name is not public
    expect(first.event).toMatchObject({ __typename: 'Release', slug: 'changing-model', version: 2 });
    expect(new Date(first.changedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // A subscription lives long: had its loaders been kept, this would show version 2 again.
    await mutate(UPDATE_RELEASE, { id: toGlobalId('Release', 'changing-model'), version: 2, accessLevel: 'GATED_WEIGHTS' });
    const second = (await changed.data()).timelineEventChanged;
    expect(second).toMatchObject({ operation: 'UPDATED', version: 3, event: { version: 3, accessLevel: 'GATED_WEIGHTS' } });

    await mutate(DELETE_RELEASE, { id: toGlobalId('Release', 'changing-model'), version: 3 });
    expect((await changed.data()).timelineEventChanged).toMatchObject({
      operation: 'DELETED',
      eventId: toGlobalId('Release', 'changing-model'),
      slug: 'changing-model',
      version: null,
      event: null,
    });
  });

  it('delivers an update that moves an event out of the filter, and no update of an event that never matched', async () => {
    await mutate(CREATE_RELEASE, newRelease('leaves-open', 'meta'));
    await mutate(CREATE_RELEASE, newRelease('never-open', 'meta', { accessLevel: 'API' }));
    const changed = client.subscribe(CHANGED, { filter: { openOnly: true, eventTypes: ['RELEASE'] } });
    await untilSubscribers(live.service.events, 1);

    await mutate(UPDATE_RELEASE, { id: toGlobalId('Release', 'never-open'), version: 1, accessLevel: 'CLOSED' });
    await mutate(UPDATE_RELEASE, { id: toGlobalId('Release', 'leaves-open'), version: 1, accessLevel: 'API' });
    const { timelineEventChanged: change } = await changed.data();
    expect(change).toMatchObject({ slug: 'leaves-open', operation: 'UPDATED', event: { accessLevel: 'API', isOpen: false } });
  });

  it('does not deliver creations to timelineEventChanged, nor updates to timelineEventAdded', async () => {
    const added = client.subscribe(ADDED);
    const changed = client.subscribe(CHANGED);
    await untilSubscribers(live.service.events, 2);
    await mutate(CREATE_RELEASE, newRelease('one-of-each', 'google', { accessLevel: 'API' }));
    await mutate(UPDATE_RELEASE, { id: toGlobalId('Release', 'one-of-each'), version: 1, accessLevel: 'CLOSED' });
    expect((await added.data()).timelineEventAdded.slug).toBe('one-of-each');
    expect((await changed.data()).timelineEventChanged).toMatchObject({ slug: 'one-of-each', operation: 'UPDATED' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([added.pending(), changed.pending()]).toEqual([[], []]);
  });

  it('refuses a bad filter as the timeline query does: BAD_USER_INPUT naming the argument', async () => {
    const unknown = await client.subscribe(ADDED, { filter: { organizations: ['meta', 'no-such-org'] } }).next();
    expect(unknown).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.organizations' } }] });
    expect((unknown as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('"no-such-org"');

    const reversed = await client.subscribe(CHANGED, { filter: { from: '2024-01-01', to: '2023-01-01' } }).next();
    expect(reversed).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter' } }] });

    const notADate = await client.subscribe(ADDED, { filter: { from: '2024-13-01' } }).next();
    expect(notADate).toMatchObject({ error: [{ message: expect.stringContaining('YYYY-MM-DD') }] });
    expect(live.service.events.subscriberCount()).toBe(0);
  });

  it('stops listening on the bus as soon as the client unsubscribes, with no change needed to wake it', async () => {
    const added = client.subscribe(ADDED);
    const changed = client.subscribe(CHANGED);
    await untilSubscribers(live.service.events, 2);
    added.unsubscribe();
    await untilSubscribers(live.service.events, 1);
    changed.unsubscribe();
    await untilSubscribers(live.service.events, 0);
  });

  it('accepts only subscriptions over the socket', async () => {
    const query = await client.subscribe('{ organizations(first: 1) { totalCount } }').next();
    expect(query).toMatchObject({ error: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses a subscription sent over HTTP, saying where subscriptions are served', async () => {
    const reply = await postJson(live.base, { query: 'subscription { timelineEventAdded { slug } }' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('WebSocket'),
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      }),
    ]);
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${live.base.replace('http', 'ws')}/other`, 'graphql-transport-ws');
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('upgrade accepted')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });
});

describe('limits over the socket', () => {
  let live: Live;
  let client: LiveClient;
  beforeAll(async () => {
    live = await startLive({
      MAX_DEPTH: '6',
      MAX_COST: '40',
      MAX_TOKENS: '200',
      MAX_QUERY_LENGTH: '2000',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
      MAX_SUBSCRIPTION_CONNECTIONS: '3',
    });
    client = new LiveClient(live.base);
  });
  afterAll(async () => {
    await client.close();
    await live.close();
  });

  const firstError = async (query: string) => {
    const message = await client.subscribe(query).next();
    expect(message).toHaveProperty('error');
    return (message as { error: Array<{ message: string; extensions: Record<string, unknown> }> }).error[0]!;
  };

  it('refuses an over-deep subscription (MAX_DEPTH)', async () => {
    const error = await firstError(
      'subscription { timelineEventAdded { organization { releases { nodes { organization { releases { nodes { slug } } } } } } } }',
    );
    expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/depth limit of 6/);
  });

  it('refuses an over-costly subscription (MAX_COST)', async () => {
    const error = await firstError('subscription { timelineEventAdded { organization { releases(first: 50) { nodes { slug } } } } }');
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 40 });
    expect(error.extensions).not.toHaveProperty('http');
  });

  it('refuses too many tokens, too long a text, and a syntax error with the HTTP codes', async () => {
    expect((await firstError(`subscription { timelineEventAdded { ${'slug '.repeat(250)} } }`)).extensions.code).toBe(
      'GRAPHQL_PARSE_FAILED',
    );
    expect((await firstError(`subscription { timelineEventAdded { slug } } # ${'x'.repeat(2000)}`)).extensions).toMatchObject({
      code: 'QUERY_TOO_LONG',
      limit: 2000,
    });
    expect((await firstError('subscription { timelineEventAdded { slug }')).extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions on one connection', async () => {
    const open = [
      client.subscribe('subscription { timelineEventAdded { slug } }'),
      client.subscribe('subscription { timelineEventChanged { slug } }'),
    ];
    await untilSubscribers(live.service.events, 2);
    const error = await firstError('subscription { timelineEventAdded { id } }');
    expect(error.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 });
    for (const subscription of open) subscription.unsubscribe();
    await untilSubscribers(live.service.events, 0);
  });
});

describe('connections per process', () => {
  it('refuses a WebSocket handshake beyond MAX_SUBSCRIPTION_CONNECTIONS with 503, and takes one again when a socket closes', async () => {
    const live = await startLive({ MAX_SUBSCRIPTION_CONNECTIONS: '2' });
    const url = `${live.base.replace('http', 'ws')}/graphql`;
    const connect = () =>
      new Promise<{ status: number; ws: WebSocket }>((resolve) => {
        const ws = new WebSocket(url, 'graphql-transport-ws');
        ws.on('open', () => resolve({ status: 101, ws }));
        ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws }));
        ws.on('error', () => undefined);
      });
    try {
      const first = await connect();
      const second = await connect();
      expect([first.status, second.status]).toEqual([101, 101]);
      expect((await connect()).status).toBe(503);
      await new Promise<void>((resolve) => {
        first.ws.once('close', () => resolve());
        first.ws.close();
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await connect();
      expect(again.status).toBe(101);
      second.ws.close();
      again.ws.close();
    } finally {
      await live.close();
    }
  });
});

describe('closing the service', () => {
  it('ends open subscriptions and closes their sockets, without waiting for the clients', async () => {
    const live = await startLive({ CORS_ORIGINS: 'https://allowed.example', NODE_ENV: 'production' });
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${live.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
        headers: { origin: 'https://evil.example' },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(403);

    const client = new LiveClient(live.base, { origin: 'https://allowed.example' });
    const subscription = client.subscribe('subscription { timelineEventAdded { slug } }');
    await untilSubscribers(live.service.events, 1);
    const started = Date.now();
    await live.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(live.service.events.subscriberCount()).toBe(0);
    const last = await subscription.next();
    expect(last === 'complete' || 'error' in last).toBe(true);
    expect(client.closes).toEqual([1001]);
    await client.close();
  });
});
