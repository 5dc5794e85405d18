import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { prepareStore } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import type { Store } from '../../src/db/connect';
import { createService, type Service } from '../../src/http/server';
import { createTestSchema, STORE_KINDS } from '../support/harness';
import { send } from '../support/live';
import { LiveClient } from '../support/subscriptions';
import { TcpProxy } from '../support/tcp-proxy';

/*
 * A lost database is an outage, not the client's mistake: arguments that go through a
 * loader (organization slugs in a filter) must not turn a failed read into "unknown slug".
 * PostgreSQL goes away for real, through a TCP proxy the test cuts.
 */

const run = STORE_KINDS.includes('postgres') ? describe : describe.skip;
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

run('filters naming records while PostgreSQL is unreachable', () => {
  let proxy: TcpProxy;
  let store: Store;
  let service: Service;
  let base: string;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    const { schema, drop } = await createTestSchema();
    dropSchema = drop;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const config = loadConfig({
      DATABASE_URL: url.toString(),
      DATABASE_SCHEMA: schema,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      NODE_ENV: 'production',
      RESPONSE_CACHE: 'false',
      RATE_LIMIT_MAX: '0',
    });
    store = await prepareStore(config, log);
    service = await createService(config, store, log);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
    await proxy.cut();
  });
  afterAll(async () => {
    await service?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await proxy?.stop();
    await dropSchema?.();
  });

  it('answers a GraphQL filter with 503 SERVICE_UNAVAILABLE, not "unknown organization slug"', async () => {
    const reply = await send(base, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeline(filter: { organizations: ["meta"] }) { totalCount } }' }),
    });
    expect({ status: reply.status, code: reply.body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(reply.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(reply.body)).not.toMatch(/unknown organization/);
  });

  it('answers an export naming an organization with 503', async () => {
    const reply = await send(base, { method: 'GET', path: '/export/timeline.json?organizations=meta' });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(reply.body)).not.toMatch(/unknown organization/);
  });

  it('ends a subscription with SERVICE_UNAVAILABLE, so clients retry', async () => {
    const client = new LiveClient(base);
    try {
      const sub = client.subscribe('subscription { timelineEventAdded(filter: { organizations: ["meta"] }) { __typename } }');
      const message = (await sub.next()) as {
        errors?: Array<{ message: string; extensions: { code: string } }>;
        error?: Array<{ extensions: { code: string } }>;
      };
      const errors = message.errors ?? message.error;
      expect(errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await client.close();
    }
  });
});
