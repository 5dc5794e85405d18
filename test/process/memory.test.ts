import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveClient, type Subscription } from '../support/subscriptions';

/*
 * Memory under hostile input: the real process (dist/src/main.js, built by `npm test`)
 * with a small heap, sent subscriptions and queries whose filters hold ~490 KB of slugs.
 * Each such subscription used to hold about 20 MB for as long as it stayed open (the
 * document, the coerced variables, the filter and its criteria), and 6 connections of 20
 * took the process to gigabytes. With list arguments capped, each is refused at once
 * and the process keeps answering.
 */

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const HEAP_MB = 256;
const CONNECTIONS = 6;
const PER_CONNECTION = 20;

// Real slugs, repeated: every one resolves, so nothing is refused for naming an unknown one.
const REAL = ['meta', 'openai', 'google', 'anthropic', 'microsoft'];
const hostileSlugs = () => {
  const list: string[] = [];
  for (let size = 0; size < 490_000; size += 10) list.push(REAL[list.length % REAL.length]!);
  return list;
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memory-test-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it(`keeps a ${HEAP_MB} MB process alive and answering under ${CONNECTIONS}x${PER_CONNECTION} subscriptions with huge filters`, async () => {
  let out = '';
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      NODE_ENV: 'production',
    },
  });
  child.stdout.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-20_000)));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.on('close', (code) => ((exitCode = code), resolve())));
  const clients: LiveClient[] = [];
  try {
    let base: string | undefined;
    for (const deadline = Date.now() + 30_000; !base && Date.now() < deadline && exitCode === undefined;) {
      base = /GraphQL API at (http:\/\/[^\s"]+)\/graphql/.exec(out)?.[1];
      if (!base) await new Promise((r) => setTimeout(r, 50));
    }
    if (!base) throw new Error(`service did not start:\n${out}`);

    const organizations = hostileSlugs();
    const subscriptions: Subscription[] = [];
    for (let c = 0; c < CONNECTIONS; c++) {
      const client = new LiveClient(base);
      clients.push(client);
      for (let s = 0; s < PER_CONNECTION; s++) {
        subscriptions.push(
          client.subscribe('subscription ($f: TimelineFilter) { timelineEventAdded(filter: $f) { __typename } }', { f: { organizations } }),
        );
      }
    }
    // The same filter as queries, a few at a time.
    const body = JSON.stringify({
      query: 'query ($f: TimelineFilter) { timeline(filter: $f) { totalCount } }',
      variables: { f: { organizations } },
    });
    const queries = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then(async (r) => ({ status: r.status, body: (await r.json()) as { errors?: Array<{ extensions: { code: string } }> } }))
          .catch((err: Error) => ({ status: 0, body: { errors: [{ extensions: { code: err.message } }] } })),
      ),
    );

    // Every subscription gets its answer (or the process dies trying).
    const answers = await Promise.race([
      Promise.all(subscriptions.map((s) => s.next(60_000).catch((err: Error) => ({ error: [{ extensions: { code: err.message } }] })))),
      exited.then(() => null),
    ]);
    expect({ exitCode, tail: exitCode === undefined ? '' : out.slice(-2000) }).toEqual({ exitCode: undefined, tail: '' });
    expect(answers!.map((a) => (a as { error?: Array<{ extensions: { code: string } }> }).error?.[0]?.extensions.code)).toEqual(
      Array(CONNECTIONS * PER_CONNECTION).fill('BAD_USER_INPUT'),
    );
    expect(queries.map((q) => [q.status, q.body.errors?.[0]?.extensions.code])).toEqual(Array(10).fill([400, 'BAD_USER_INPUT']));

    // ... and it still answers an ordinary query.
    const after = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization(slug: "meta") { slug } }' }),
    });
    expect(await after.json()).toEqual({ data: { organization: { slug: 'meta' } } });
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    if (exitCode === undefined) child.kill('SIGKILL');
    await exited;
  }
}, 120_000);
