import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import type { Store } from '../../src/db/connect';
import { createService, type Service } from '../../src/http/server';

/** The real HTTP service over a store (not closed with it), configured by `env`, listening on a free loopback port. */
export async function startService(
  store: Store,
  env: Record<string, string> = {},
): Promise<{ base: string; service: Service; close: () => Promise<void> }> {
  const service = await createService(loadConfig({ NODE_ENV: 'test', ...env }), store, pino({ level: 'silent' }));
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  return { base, service, close: () => service.close() };
}

/** Data of a GraphQL operation sent over HTTP, as a browser sends it; fails on any error. */
export async function postGraphql<T = any>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}
