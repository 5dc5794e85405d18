import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';

/*
 * Big requests against the real entry point as a child process (`npm test` builds dist/
 * first): the answer to an oversized body must reach a client still sending it, and large
 * unused variables must not accumulate in the heap (the child gets a small one, so a leak
 * shows as a crash within the test).
 */

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const HEAP_MB = 256;

let child: ChildProcessWithoutNullStreams;
let output = '';
let exited: Promise<number | null>;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite::memory:',
      NODE_ENV: 'production',
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: 'info',
      BODY_DRAIN_BYTES: String(16 * 1024 * 1024),
    },
  });
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = /GraphQL API at (http:\/\/[^\s"]+)\/graphql/.exec(output);
    if (match) {
      base = match[1];
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`service did not start:\n${output}`);
}, 40_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited;
});

const alive = () => child.exitCode === null && child.signalCode === null;

it("answers a 10 MB body with a 413 that Node's fetch can read", async () => {
  const body = JSON.stringify({ query: 'query ($x: String) { __typename }', variables: { x: 'x'.repeat(10 * 1024 * 1024) } });
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  }
});

it('reads no more of an endless body than BODY_DRAIN_BYTES before closing', async () => {
  const url = new URL(`${base}/graphql`);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let written = 0;
  const outcome = await new Promise<string>((resolve) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    const pump = () => {
      // Up to 256 MB: far more than the drain bound; a server reading it all would take it all.
      while (written < 256 * 1024 * 1024 && !req.destroyed) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    pump();
  });
  expect(outcome).toMatch(/status 413|EPIPE|ECONNRESET/);
  expect(written).toBeLessThan(64 * 1024 * 1024);
  expect(alive()).toBe(true);
}, 60_000);

it(`survives hundreds of requests carrying 1 MB of unused variables each, in a ${HEAP_MB} MB heap`, async () => {
  const statuses = new Map<number | string, number>();
  for (let i = 0; i < 400 && alive(); i++) {
    const body = JSON.stringify({ query: '{ __typename }', variables: { unused: randomBytes(500_000).toString('hex') } });
    const status = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then((res) => res.text().then(() => res.status))
      .catch((err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  expect(Object.fromEntries(statuses)).toEqual({ 200: 400 });
  expect(alive()).toBe(true);
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organization(slug: "meta") { slug } }' }),
  });
  expect(await res.json()).toEqual({ data: { organization: { slug: 'meta' } } });
}, 180_000);
