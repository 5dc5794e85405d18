import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { createApiKey } from '../src/auth/api-keys';
import { openStore } from '../src/db/connect';
import { freePort, metric, waitFor } from './common';
import { subscribers } from './subscribers';

/*
 * Live-update fan-out: FANOUT_SUBSCRIBERS subscriptions (20 per graphql-ws connection) on
 * the real process (a fresh SQLite file, loopback), then FANOUT_MUTATIONS releases created
 * one after another. For each: SQL statements it cost (db_statements_total), the time from
 * sending the mutation until every subscriber has the event, and the longest event-loop
 * stall meanwhile (nodejs_eventloop_lag_max_seconds, reset at each scrape).
 *   npm run bench:fanout
 */

const SUBSCRIBERS = Number(process.env.FANOUT_SUBSCRIBERS ?? 1000);
const MUTATIONS = Number(process.env.FANOUT_MUTATIONS ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** /metrics renders at most once a second and serves that rendering meanwhile: wait it out, for a fresh scrape. */
const pastMetricsRender = () => new Promise((resolve) => setTimeout(resolve, 1100));

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-'));
  const file = path.join(dir, 'fanout.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      RESPONSE_CACHE: 'false',
      DATABASE_URL: `sqlite:${file}`,
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const clients: Client[] = [];
  try {
    await waitFor(`${base}/readyz`);
    const store = openStore({ dialect: 'sqlite', filename: file });
    const { key } = await createApiKey(store.db, `fanout-${randomBytes(3).toString('hex')}`, 'EDITOR');
    await store.close();

    const received = new Map<string, number>();
    let waiting: { slug: string; resolve: () => void } | null = null;
    let failed = 0; // subscriptions the server refused or dropped (reported, not waited for)
    clients.push(
      ...subscribers(
        base,
        SUBSCRIBERS,
        'subscription { timelineEventAdded(filter: { organizations: ["meta"] }) { __typename slug title organization { name } sources { url title } ... on Release { license { name } variants { name } } } }',
        (slug) => {
          const count = (received.get(slug) ?? 0) + 1;
          received.set(slug, count);
          if (waiting?.slug === slug && count === SUBSCRIBERS - failed) waiting.resolve();
        },
        () => void failed++,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // subscriptions set up

    const rows: Array<{ statements: number; deliveredMs: number; stallMs: number }> = [];
    for (let n = 0; n < MUTATIONS; n++) {
      const slug = `fanout-${n}-${randomBytes(2).toString('hex')}`;
      await pastMetricsRender();
      const statementsBefore = await metric(base, 'db_statements_total'); // this scrape also resets the lag maximum
      const all = new Promise<void>((resolve) => (waiting = { slug, resolve }));
      const started = Date.now();
      const input = {
        slug,
        name: slug,
        artifactType: 'MODEL',
        organization: 'meta',
        date: '2026-03-01',
        datePrecision: 'DAY',
        accessLevel: 'OPEN_WEIGHTS',
        sources: [{ url: `https://example.org/${slug}`, title: slug }],
      };
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: 'mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { userErrors { message } } }',
          variables: { input },
        }),
      });
      if (!res.ok) throw new Error(`mutation failed: ${res.status} ${await res.text()}`);
      await Promise.race([
        all,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`only ${received.get(slug) ?? 0} of ${SUBSCRIBERS - failed} deliveries within 60 s`)), 60_000),
        ),
      ]);
      const deliveredMs = Date.now() - started;
      await pastMetricsRender();
      const text = await (await fetch(`${base}/metrics`)).text();
      const stallMs = Number(/^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text)?.[1]) * 1000;
      const statements = Number(/^db_statements_total (\S+)/m.exec(text)?.[1]) - statementsBefore;
      rows.push({ statements, deliveredMs, stallMs: Math.round(stallMs) });
    }
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      store: 'SQLite file',
      subscribers: SUBSCRIBERS,
      failedSubscriptions: failed,
      mutations: rows,
      median: {
        statements: median(rows.map((r) => r.statements)),
        deliveredMs: median(rows.map((r) => r.deliveredMs)),
        stallMs: median(rows.map((r) => r.stallMs)),
      },
    };
    fs.mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'fanout.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`| subscribers | SQL statements per mutation | ms until every subscriber has it | longest event-loop stall ms |`);
    console.log(`| ---: | ---: | ---: | ---: |`);
    console.log(`| ${SUBSCRIBERS} | ${report.median.statements} | ${report.median.deliveredMs} | ${report.median.stallMs} |`);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
