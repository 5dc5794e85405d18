import 'reflect-metadata';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys';
import { openStore } from '../../src/db/connect';

/*
 * Another process holds the SQLite write lock (a backup, a second instance) while the
 * service, itself a child process on the same file, gets a mutation. The event loop stays
 * free meanwhile (/healthz answers while the lock is held), and the mutation either waits
 * for the lock without blocking anything, or, when the lock outlasts SQLITE_BUSY_TIMEOUT_MS,
 * gets 503 SERVICE_UNAVAILABLE with Retry-After and writes nothing.
 */

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
let dir: string;
let file: string;
const children: ChildProcessWithoutNullStreams[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-lock-test-'));
  file = path.join(dir, 'db.sqlite');
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      const gone = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function spawnChild(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const waitFor = async (pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const match = pattern.exec(out);
      if (match) return match;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${pattern} in:\n${out}`);
  };
  return { child, output: () => out, waitFor };
}

/** A second process that holds BEGIN EXCLUSIVE on the file for `ms`, then commits. */
function holdLock(ms: number) {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); console.log('released at ' + Date.now()); }, ${ms});`;
  return spawnChild(['-e', script, file]);
}

async function startService(busyTimeoutMs: number): Promise<{ base: string; key: string }> {
  const service = spawnChild([MAIN], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${file}`,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_MAX: '0',
    SQLITE_BUSY_TIMEOUT_MS: String(busyTimeoutMs),
  });
  const base = (await service.waitFor(/GraphQL API at (http:\/\/[^\s"]+)\/graphql/))[1]!;
  // The key is made the way `npm run keys:create` makes it, on the same file.
  const store = openStore({ dialect: 'sqlite', filename: file });
  try {
    const { key } = await createApiKey(store.db, 'ada', 'EDITOR');
    return { base, key };
  } finally {
    await store.close();
  }
}

const CREATE = 'mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { slug } userErrors { code } } }';
const input = {
  slug: 'llama-9',
  name: 'Llama 9',
  artifactType: 'MODEL',
  family: 'Llama',
  organization: 'meta',
  date: '2027-04-01',
  datePrecision: 'MONTH',
  accessLevel: 'OPEN_WEIGHTS',
  license: 'llama-4-community-license',
  sources: [{ url: 'https://example.org/llama-9', title: 'Introducing Llama 9', publisher: 'Example News', publishedOn: '2027-04-02' }],
  reason: 'A lock held elsewhere',
};

const mutate = (base: string, key: string) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: CREATE, variables: { input } }),
  }).then(async (res) => ({
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as any,
    at: Date.now(),
  }));

const healthz = (base: string) => fetch(`${base}/healthz`).then((res) => ({ status: res.status, at: Date.now() }));

const releaseExists = async (base: string) => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ release(slug: "llama-9") { slug } }' }),
  });
  return ((await res.json()) as any).data.release !== null;
};

it('keeps answering while another process holds the write lock, and answers a write that outlasts SQLITE_BUSY_TIMEOUT_MS with 503 and Retry-After, writing nothing', async () => {
  const { base, key } = await startService(1000);
  const lock = holdLock(4000);
  await lock.waitFor(/locked/);

  const write = mutate(base, key);
  await new Promise((r) => setTimeout(r, 300)); // the write is now waiting for the lock
  const health = await healthz(base);
  const released = Number((await lock.waitFor(/released at (\d+)/))[1]);
  const result = await write;

  // Answered while the lock was still held: the wait for the lock did not hold the process.
  expect(health.status).toBe(200);
  expect(health.at).toBeLessThan(released);
  // The lock outlasted the 1 s bound: a retryable 503, not a masked 500, and before the lock went away.
  expect(result.status).toBe(503);
  expect(result.retryAfter).toMatch(/^\d+$/);
  expect(result.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  expect(result.at).toBeLessThan(released);
  // Nothing was half-written: once the lock is gone, the release is still absent, and the same write succeeds.
  expect(await releaseExists(base)).toBe(false);
  const retried = await mutate(base, key);
  expect(retried.status).toBe(200);
  expect(retried.body.data.createRelease.release.slug).toBe('llama-9');
  expect(await releaseExists(base)).toBe(true);
});

it('lets a write wait for a lock released within the bound, while other requests go on', async () => {
  const { base, key } = await startService(10_000);
  const lock = holdLock(2500);
  await lock.waitFor(/locked/);

  const write = mutate(base, key);
  await new Promise((r) => setTimeout(r, 300));
  const health = await healthz(base);
  const read = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organization(slug: "meta") { name } }' }),
  });
  const readAt = Date.now();
  const released = Number((await lock.waitFor(/released at (\d+)/))[1]);
  const result = await write;

  expect(health.at).toBeLessThan(released);
  // Reads go on during the lock (WAL), through the same connection the waiting write gives back between tries.
  expect(read.status).toBe(200);
  expect(readAt).toBeLessThan(released);
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data.createRelease.release.slug).toBe('llama-9');
  expect(result.at).toBeGreaterThanOrEqual(released);
});
