import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { createService, type Service } from '../../src/http/server';
import { createTestStore, type TestStore } from '../support/harness';

let service: Service;
let store: TestStore;
let base: string;

beforeAll(async () => {
  store = await createTestStore();
  service = await createService(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MAX: '0' }), store, pino({ level: 'silent' }));
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await service.close();
  await store.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP', () => {
  it('answers the headline query over POST', async () => {
    const res = await post({
      query:
        'query MetaOpenTimeline { timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: 50) { totalCount nodes { __typename date title ... on Release { name accessLevel } sources { url } } } }',
    });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.timeline.nodes[0].__typename).toBe('Release');
    expect(body.data.timeline.totalCount).toBeGreaterThanOrEqual(15);
  });

  it('answers queries over GET (with a CSRF-safe header)', async () => {
    const query = encodeURIComponent('{ organization(slug: "meta") { name stockTicker } }');
    const res = await fetch(`${base}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.organization.stockTicker).toBe('NASDAQ:META');
  });

  it("answers a bare GET query (no custom header: urql's default), but never a mutation over GET", async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ organizations { totalCount } }')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.organizations.totalCount).toBeGreaterThanOrEqual(7);
    const mutation = await fetch(`${base}/graphql?query=${encodeURIComponent('mutation { __typename }')}`);
    expect(mutation.status).toBe(405);
  });

  it('refuses a POST a cross-site form could send (text/plain)', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a mutation-free invalid query with a 400 and a coded error', async () => {
    const res = await post({ query: '{ organization(slug: "meta") { nope } }' });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves the Sandbox landing page to browsers outside production', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('sandbox');
  });

  it('reports health and readiness', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'sqlite' });
  });

  it('echoes a request id, keeping a well-formed one the caller sent', async () => {
    const minted = await fetch(`${base}/healthz`);
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-123');
  });
});

describe('HTTP with a broken store', () => {
  it('fails readiness and masks the driver error behind INTERNAL_SERVER_ERROR', async () => {
    const other = await createTestStore();
    const svc = await createService(loadConfig({ NODE_ENV: 'production' }), other, pino({ level: 'silent' }));
    await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(svc.app.server.address() as AddressInfo).port}`;
    // A real driver error, not a thrown stand-in: the table the query needs is gone.
    await sql`pragma foreign_keys = off`.execute(other.db);
    await sql`drop table organizations`.execute(other.db);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: '{ organization(slug: "meta") { name } }' }),
    });
    const body: any = await res.json();
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body.errors[0].message).not.toMatch(/sqlite|database|connection/i);
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
    await svc.close();
    await other.close();
  });
});
