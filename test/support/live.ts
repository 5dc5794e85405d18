import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/config';
import { createService, type Service } from '../../src/http/server';
import { createTestStore, type TestStore } from './harness';

/** A real HTTP server on a free port, over a fresh seeded store, configured like the process would be. */
export interface Live {
  base: string;
  service: Service;
  store: TestStore;
  close(): Promise<void>;
}

export async function startLive(env: Record<string, string> = {}, log: Logger = pino({ level: 'silent' })): Promise<Live> {
  const store = await createTestStore();
  const service = await createService(loadConfig({ NODE_ENV: 'test', ...env }), store, log);
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  return {
    base,
    service,
    store,
    close: async () => {
      await service.close();
      await store.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

/** One HTTP request; the body is parsed as JSON when it is JSON. */
export async function send(
  base: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  const started = Date.now();
  const res = await fetch(`${base}${init.path ?? '/graphql'}`, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body, ms: Date.now() - started };
}

export const postJson = (base: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(base, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
