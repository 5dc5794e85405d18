import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, HEADLINE, metric, waitFor } from './common';
import { sql } from 'kysely';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { toGlobalId } from '../src/graphql/relay/global-id';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { addSyntheticData } from './generate';

/*
 * npm run bench: one run, one machine, loopback only, bounded in time.
 * Each scenario runs against (a) the service, (b) the limit (bare node:http answering the
 * service's own bytes), (c) the lean peer (plain graphql-js executing the service's own
 * schema over the same store), with the same connections and duration. Every response is
 * checked against the expected bytes, so a broken server cannot look fast. Then growth:
 * page size, data size.
 * Results: a table on stdout, JSON in bench/results/bench.json.
 */

const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

const ORG_PAGE = `query OrganizationPage {
  organization(slug: "meta") {
    name kind stockTicker businessModel
    people(first: 20) { nodes { name roles { title startedOn organization { name } } } }
    releases(first: 20, orderBy: { direction: DESC }) { totalCount nodes { name date accessLevel license { name osiApproved } } }
  }
}`;
const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Release { name date } ... on Organization { name } ... on Person { name } ... on PolicyPosition { title date } } }`;
const SEARCH = `query Search { search(query: "open source", first: 10) { totalCount edges { snippet node { __typename ... on Release { name } ... on PolicyPosition { title } ... on Organization { name } ... on Person { name } } } } }`;

const NODE_IDS = [
  ...['llama', 'llama-2', 'llama-3', 'llama-3-1', 'llama-4', 'pytorch', 'gpt-4', 'gpt-4o'].map((s) => toGlobalId('Release', s)),
  ...['meta', 'openai', 'google', 'anthropic'].map((s) => toGlobalId('Organization', s)),
  ...['mark-zuckerberg', 'nick-clegg', 'yann-lecun', 'sam-altman'].map((s) => toGlobalId('Person', s)),
  ...[
    'zuckerberg-open-source-ai-path-forward',
    'clegg-defends-open-release-of-llama-2',
    'osi-open-source-ai-definition-1-0',
    'meta-rejects-osi-open-source-ai-definition',
  ].map((s) => toGlobalId('PolicyPosition', s)),
];

const SCENARIOS: Record<string, { query: string; variables?: unknown }> = {
  headline: { query: HEADLINE(50) },
  'organization page': { query: ORG_PAGE },
  'nodes (20 ids)': { query: NODES, variables: { ids: NODE_IDS } },
  search: { query: SEARCH },
};

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  statements(): Promise<number>;
  rss(): Promise<number | null>;
}

async function startService(dbFile: string, cache: boolean): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(DIST, 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      RESPONSE_CACHE: String(cache),
      SEED_ON_START: 'false',
      DATABASE_URL: `sqlite:${dbFile}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/healthz`);
  return {
    name: cache ? 'service (cached)' : 'service',
    url: `${base}/graphql`,
    child,
    statements: () => metric(base, 'db_statements_total'),
    rss: () => metric(base, 'process_resident_memory_bytes'),
  };
}

async function startPeer(dbFile: string): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(DIST, 'bench', 'peer.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: `sqlite:${dbFile}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/statements`);
  return {
    name: 'lean peer',
    url: `${base}/graphql`,
    child,
    statements: async () => Number(await (await fetch(`${base}/statements`)).text()),
    rss: async () => null,
  };
}

async function startLimit(bodies: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, 'bench', 'limit.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.stdin!.end(JSON.stringify(bodies));
  await waitFor(`http://127.0.0.1:${port}/`);
  return { name: 'limit', url: `http://127.0.0.1:${port}`, child, statements: async () => 0, rss: async () => null };
}

interface Row {
  /** Mean time per request at this concurrency (from throughput: precise where p50 rounds to whole ms). */
  meanMs: number;
  scenario: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statementsPerRequest: number | null;
  bytes: number;
}

async function load(
  target: Target,
  scenario: string,
  body: string,
  expected: string,
  connections = CONNECTIONS,
  duration = DURATION,
  pathSuffix = '',
): Promise<Row> {
  const before = await target.statements();
  const result = await autocannon({
    url: target.url + pathSuffix,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration,
    expectBody: expected,
  });
  const after = await target.statements();
  const errors = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
  return {
    meanMs: +((1000 * connections) / Math.max(1e-9, result.requests.total / duration)).toFixed(3),
    scenario,
    target: target.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    statementsPerRequest: target.name === 'limit' ? null : +((after - before) / Math.max(1, result.requests.total)).toFixed(2),
    bytes: Buffer.byteLength(expected),
  };
}

async function answer(url: string, body: string): Promise<string> {
  const text = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  if (text.includes('"errors"')) throw new Error(`scenario failed on ${url}: ${text.slice(0, 300)}`);
  return text;
}

/** Where two answers part, with a little of each around it. */
function firstDifference(service: string, peer: string): string {
  let i = 0;
  while (i < service.length && service[i] === peer[i]) i++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 60), i + 60));
  return `at character ${i}, service ${around(service)}, peer ${around(peer)}`;
}

async function makeDatabase(dir: string, factor: number): Promise<string> {
  const file = path.join(dir, `bench-${factor}x.sqlite`);
  const store = openStore({ dialect: 'sqlite', filename: file });
  await migrateToLatest(store);
  await applySeed(store, loadSeedDir(path.join(ROOT, 'seed')));
  if (factor > 1) await addSyntheticData(store.db, store.adapter, factor);
  await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
  await store.close();
  return file;
}

function table(rows: Row[], limit: Map<string, number>, peer: Map<string, number>): string {
  const head = '| scenario | target | req/s | p50 ms | p99 ms | errors | vs limit | vs peer | SQL/request |';
  const lines = rows.map((r) => {
    const l = limit.get(r.scenario);
    const p = peer.get(r.scenario);
    return `| ${r.scenario} | ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${l ? (r.rps / l).toFixed(2) + 'x' : ''} | ${p ? (r.rps / p).toFixed(2) + 'x' : ''} | ${r.statementsPerRequest ?? ''} |`;
  });
  return [head, '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...lines].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const children: ChildProcess[] = [];
  try {
    const seedDb = await makeDatabase(dir, 1);
    const service = await startService(seedDb, false);
    const cached = await startService(seedDb, true);
    const peer = await startPeer(seedDb);
    children.push(service.child, cached.child, peer.child);

    const bodies: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const expectedPeer: Record<string, string> = {};
    for (const [name, s] of Object.entries(SCENARIOS)) {
      bodies[name] = JSON.stringify(s);
      expected[name] = await answer(service.url, bodies[name]);
      const fromPeer = await answer(peer.url, bodies[name]);
      // Apollo ends its JSON with a newline; the answer must be the same JSON, byte for byte otherwise.
      if (fromPeer.trimEnd() !== expected[name].trimEnd()) {
        throw new Error(`the peer's answer to ${name} differs from the service's: ${firstDifference(expected[name], fromPeer)}`);
      }
      expectedPeer[name] = fromPeer;
    }
    const limit = await startLimit(Object.fromEntries(Object.keys(SCENARIOS).map((name, i) => [`/${i}`, expected[name]])));
    children.push(limit.child);

    const rows: Row[] = [];
    const limitRps = new Map<string, number>();
    const peerRps = new Map<string, number>();
    // The machine is shared: each target runs ROUNDS times, interleaved with the others,
    // and its best run counts, so a burst of outside load does not decide a ratio.
    const best = (a: Row | undefined, b: Row) => (!a || b.rps > a.rps ? b : a);
    for (const [i, name] of Object.keys(SCENARIOS).entries()) {
      let l: Row | undefined, p: Row | undefined, sv: Row | undefined, c: Row | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        l = best(l, await load(limit, name, bodies[name], expected[name], CONNECTIONS, DURATION, `/${i}`));
        p = best(p, await load(peer, name, bodies[name], expectedPeer[name]));
        sv = best(sv, await load(service, name, bodies[name], expected[name]));
        if (name === 'headline') c = best(c, await load(cached, name, bodies[name], expected[name]));
      }
      limitRps.set(name, l!.rps);
      peerRps.set(name, p!.rps);
      rows.push(sv!, p!, l!, ...(c ? [c] : []));
      console.error(`  ${name} done`);
    }

    const rssAfter = await service.rss();
    const cachedRss = await cached.rss();

    // Growth with data size: the seed and 10x, 100x, 1000x the events.
    const pageRows: Array<{ first: number; returned: number; meanMs: number; p50: number; perEventMs: number; statements: number | null }> =
      [];
    const sizeRows: Array<{
      factor: number;
      events: number;
      returned: number;
      meanMs: number;
      p50: number;
      p99: number;
      statements: number | null;
    }> = [];
    for (const factor of [1, 10, 100, 1000]) {
      const file = factor === 1 ? seedDb : await makeDatabase(dir, factor);
      const s = await startService(file, false);
      children.push(s.child);
      const body = JSON.stringify({ query: HEADLINE(50) });
      const expectedBody = await answer(s.url, body);
      for (let i = 0; i < 300; i++) await answer(s.url, body); // warm the JIT and SQLite's page cache first
      let r: Row | undefined;
      for (let round = 0; round < ROUNDS; round++) r = best(r, await load(s, `headline at ${factor}x`, body, expectedBody, 1, DURATION));
      const events = Number(
        JSON.parse(await answer(s.url, JSON.stringify({ query: '{ timeline(first: 0) { totalCount } }' }))).data.timeline.totalCount,
      );
      const returned = (JSON.parse(expectedBody).data.timeline.nodes as unknown[]).length;
      sizeRows.push({ factor, events, returned, meanMs: r!.meanMs, p50: r!.p50, p99: r!.p99, statements: r!.statementsPerRequest });
      // Growth with page size, where pages are full (the seed holds only 16 open Meta releases).
      if (factor === 10) {
        for (const first of [10, 50, 100]) {
          const pageBody = JSON.stringify({ query: HEADLINE(first) });
          const pageExpected = await answer(s.url, pageBody);
          let pr: Row | undefined;
          for (let round = 0; round < ROUNDS; round++)
            pr = best(pr, await load(s, `headline first ${first}`, pageBody, pageExpected, 1, DURATION));
          const n = (JSON.parse(pageExpected).data.timeline.nodes as unknown[]).length;
          pageRows.push({
            first,
            returned: n,
            meanMs: pr!.meanMs,
            p50: pr!.p50,
            perEventMs: +(pr!.meanMs / n).toFixed(4),
            statements: pr!.statementsPerRequest,
          });
        }
      }
      s.child.kill('SIGTERM');
      console.error(`  ${factor}x done`);
    }

    console.log(
      `\nScenarios: ${CONNECTIONS} connections, ${DURATION} s each, best of ${ROUNDS} interleaved rounds, one machine (${os.cpus().length} × ${os.cpus()[0]?.model}), Node ${process.version}\n`,
    );
    console.log(table(rows, limitRps, peerRps));
    console.log(
      '\nPage size, headline query at 10x data, 1 connection:\n| first | events returned | mean ms | p50 ms | ms per event | SQL/request |\n| ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of pageRows) console.log(`| ${r.first} | ${r.returned} | ${r.meanMs} | ${r.p50} | ${r.perEventMs} | ${r.statements} |`);
    console.log(
      '\nData size, headline query (first 50), 1 connection:\n| data | events | returned | mean ms | vs seed | vs 10x | p50 ms | p99 ms | SQL/request |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of sizeRows)
      console.log(
        `| ${r.factor}x | ${r.events} | ${r.returned} | ${r.meanMs} | ${(r.meanMs / sizeRows[0].meanMs).toFixed(2)}x | ${(r.meanMs / sizeRows[1].meanMs).toFixed(2)}x | ${r.p50} | ${r.p99} | ${r.statements} |`,
      );
    console.log(
      `RSS after the scenarios: service ${((rssAfter ?? 0) / 2 ** 20).toFixed(1)} MB, cached service ${((cachedRss ?? 0) / 2 ** 20).toFixed(1)} MB`,
    );
    console.log(`Total time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
      node: process.version,
      connections: CONNECTIONS,
      seconds: DURATION,
      rows,
      pageRows,
      sizeRows,
      rssMb: { service: (rssAfter ?? 0) / 2 ** 20, cached: (cachedRss ?? 0) / 2 ** 20 },
    };
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'bench.json'), JSON.stringify(results, null, 2) + '\n');
    if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
