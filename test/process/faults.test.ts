import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { prepareStore } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { StoreUnavailableError } from '../../src/db/availability';
import type { Store } from '../../src/db/connect';
import { createService, type Service } from '../../src/http/server';
import { createTestSchema, STORE_KINDS } from '../support/harness';
import { closedPort, TcpProxy } from '../support/tcp-proxy';

/* PostgreSQL going away, for real: a TCP proxy between the service and the server. */

const run = STORE_KINDS.includes('postgres') ? describe : describe.skip;
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const pgUrl = () => new URL(process.env.TEST_DATABASE_URL!);
const viaPort = (port: number) => {
  const url = pgUrl();
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
};

run('PostgreSQL unreachable at start-up', () => {
  it('gives up after the configured attempts with a clear error', async () => {
    const config = loadConfig({
      DATABASE_URL: viaPort(await closedPort()),
      DATABASE_CONNECT_ATTEMPTS: '3',
      DATABASE_CONNECT_RETRY_DELAY_MS: '100',
      NODE_ENV: 'test',
    });
    const started = Date.now();
    const error = await prepareStore(config, log).catch((e) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/\w+ did not answer after 3 attempt\(s\)/);
    expect(error.message).toContain('DATABASE_URL');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('makes the real process exit non-zero with that message', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: viaPort(await closedPort()),
        DATABASE_CONNECT_ATTEMPTS: '2',
        DATABASE_CONNECT_RETRY_DELAY_MS: '50',
        LOG_LEVEL: 'silent',
      },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/did not answer after 2 attempt\(s\)/);
  });
});

run('PostgreSQL lost while running', () => {
  let proxy: TcpProxy;
  let store: Store;
  let service: Service;
  let base: string;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const target = pgUrl();
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    const { schema, drop } = await createTestSchema();
    dropSchema = drop;
    const config = loadConfig({
      DATABASE_URL: viaPort(proxy.port),
      DATABASE_SCHEMA: schema,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      NODE_ENV: 'production',
    });
    store = await prepareStore(config, log);
    service = await createService(config, store, log);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Each step guarded: a failed beforeAll must not leave the proxy listening.
    await service?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await proxy?.stop();
    await dropSchema?.();
  });

  const ask = async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization(slug: "meta") { name } }' }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  };

  it('answers at once with SERVICE_UNAVAILABLE (503), fails readiness, and recovers by itself', async () => {
    expect((await ask()).body.data.organization.name).toMatch(/Meta/);

    await proxy.cut();
    const started = Date.now();
    const down = await ask();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe('5');
    expect(down.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.errors[0].message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // the process itself is fine

    await proxy.restore();
    let recovered: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 50 && recovered?.status !== 200; i++) {
      recovered = await ask();
      if (recovered.status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered?.status).toBe(200);
    expect(recovered?.body.data.organization.name).toMatch(/Meta/);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
