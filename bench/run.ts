import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Kind, parse, print, visit, type ASTNode, type FieldNode } from 'graphql';
import { freePort, HEADLINE, metric, scratchSchema, waitFor } from './common';
import { sql } from 'kysely';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { toGlobalId } from '../src/graphql/relay/global-id';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { addSyntheticData } from './generate';

/*
 * npm run bench: one run, one machine, loopback only, bounded in time.
 * Each scenario runs, on each store (SQLite; PostgreSQL when BENCH_DATABASE_URL is set),
 * against (a) the service, (b) the limit (bare node:http answering the service's own
 * bytes), (c) the execution-only peer (graphql-js executing the committed SDL with default
 * resolvers over the service's own answer: no SQL), (d) the lean peer (plain graphql-js
 * executing the service's own schema over the same store), and, for the headline, (e) the
 * service with its response cache on, with the same connections and duration. Every
 * response is checked against the expected bytes, so a broken server cannot look fast.
 * Then growth, on SQLite: page size, data size.
 * Results: a table on stdout, JSON in bench/results/bench.json.
 */

const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined;
type StoreKind = 'sqlite' | 'postgres';
const STORES = (process.env.BENCH_STORES ?? (DATABASE_URL ? 'sqlite,postgres' : 'sqlite'))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean) as StoreKind[];
for (const kind of STORES) {
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`BENCH_STORES: unknown store "${String(kind)}" (sqlite, postgres)`);
  if (kind === 'postgres' && !DATABASE_URL)
    throw new Error('BENCH_STORES names postgres: set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
}
/** Growth with page size and data size runs on SQLite, unless BENCH_GROWTH=false. */
const GROWTH = process.env.BENCH_GROWTH !== 'false' && STORES.includes('sqlite');
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
  /** Whether the target runs SQL (and so has a statement count). */
  queries: boolean;
  statements(): Promise<number>;
  rss(): Promise<number | null>;
}

/** Where a service or the lean peer finds its store: DATABASE_URL and DATABASE_SCHEMA. */
interface Database {
  kind: StoreKind;
  env: Record<string, string>;
  /** Drops what was made for the run (a PostgreSQL schema); the SQLite file goes with its directory. */
  drop(): Promise<void>;
}

async function startService(database: Database, cache: boolean): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(DIST, 'src', 'main.js')], {
    env: {
      ...process.env,
      ...database.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      RESPONSE_CACHE: String(cache),
      // The response cache in memory, and nothing in the shared Redis.
      REDIS_URL: '',
      SEED_ON_START: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/healthz`);
  return {
    name: cache ? 'service (cached)' : 'service',
    url: `${base}/graphql`,
    child,
    queries: true,
    statements: () => metric(base, 'db_statements_total'),
    rss: () => metric(base, 'process_resident_memory_bytes'),
  };
}

async function startPeer(database: Database): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(DIST, 'bench', 'peer.js')], {
    env: { ...process.env, ...database.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/statements`);
  return {
    name: 'lean peer',
    url: `${base}/graphql`,
    child,
    queries: true,
    statements: async () => Number(await (await fetch(`${base}/statements`)).text()),
    rss: async () => null,
  };
}

/** A process that reads its input as JSON on stdin and then serves on PORT. */
async function startFromStdin(name: string, script: string, input: unknown, urlPath: string): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, 'bench', script)], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.stdin!.end(JSON.stringify(input));
  await waitFor(`http://127.0.0.1:${port}/`);
  return { name, url: `http://127.0.0.1:${port}${urlPath}`, child, queries: false, statements: async () => 0, rss: async () => null };
}

const startLimit = (bodies: Record<string, string>) => startFromStdin('limit', 'limit.js', bodies, '');

/** The execution-only peer, given each scenario's query text and the data it executes over. */
const startExecutionPeer = (scenarios: Array<{ query: string; data: unknown }>) =>
  startFromStdin('execution-only peer', 'execution-peer.js', scenarios, '/graphql');

/** Stops a child and waits for it to be gone (a schema is only dropped once nobody uses it). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await gone;
  clearTimeout(timer);
}

interface Row {
  store: StoreKind;
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
  /** req/s over the same scenario's execution-only peer, lean peer and limit on the same store. */
  vsExecutionPeer?: number;
  vsLeanPeer?: number;
  vsLimit?: number;
}

async function load(
  store: StoreKind,
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
    store,
    meanMs: +((1000 * connections) / Math.max(1e-9, result.requests.total / duration)).toFixed(3),
    scenario,
    target: target.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    statementsPerRequest: !target.queries ? null : +((after - before) / Math.max(1, result.requests.total)).toFixed(2),
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

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * The query with `__typename` selected in every object's selection set below the root. Its
 * answer is the execution-only peer's root value: graphql-js's default type resolver reads
 * `__typename`, so interfaces and unions resolve whether or not the scenario selects it, and
 * the peer, executing the scenario's own document, answers the service's bytes.
 */
function withTypename(query: string): string {
  return print(
    visit(parse(query), {
      SelectionSet(node, _key, parent) {
        if (!parent || Array.isArray(parent) || (parent as ASTNode).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && !s.alias && s.name.value === '__typename')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    }),
  );
}

/** The seeded store of one kind for the scenarios. */
async function scenarioDatabase(kind: StoreKind, sqliteFile: string): Promise<Database> {
  if (kind === 'sqlite') return sqliteDatabase(sqliteFile);
  const url = DATABASE_URL!;
  const { schema, drop } = await scratchSchema(url);
  try {
    const store = openStore({
      dialect: 'postgres',
      connectionString: url,
      poolSize: 5,
      statementTimeoutMs: 0,
      connectTimeoutMs: 5000,
      schema,
    });
    try {
      await migrateToLatest(store);
      await applySeed(store, loadSeedDir(path.join(ROOT, 'seed')));
    } finally {
      await store.close();
    }
  } catch (err) {
    await drop();
    throw err;
  }
  return { kind, env: { DATABASE_URL: url, DATABASE_SCHEMA: schema }, drop };
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

const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}x`);

function table(rows: Row[]): string {
  const head =
    '| store | scenario | target | req/s | p50 ms | p99 ms | errors | vs execution-only | vs lean peer | vs limit | SQL/request |';
  const lines = rows.map(
    (r) =>
      `| ${r.store} | ${r.scenario} | ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio(r.vsExecutionPeer)} | ${ratio(r.vsLeanPeer)} | ${ratio(r.vsLimit)} | ${r.statementsPerRequest ?? ''} |`,
  );
  return [head, '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...lines].join('\n');
}

/**
 * The x-cache header and body of one request sent as autocannon sends it (no Accept
 * header, which the cache key includes), so the check below looks at the entry the load hits.
 */
function cacheProbe(url: string, body: string): Promise<{ state: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ state: String(res.headers['x-cache'] ?? ''), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The scenarios on one store: every target, ROUNDS interleaved rounds, ratios per scenario. */
async function runScenarios(database: Database): Promise<{ rows: Row[]; rss: { service: number; cached: number } }> {
  const children: ChildProcess[] = [];
  const started = async (target: Promise<Target>) => {
    const t = await target;
    children.push(t.child);
    return t;
  };
  try {
    const service = await started(startService(database, false));
    const cached = await started(startService(database, true));
    const peer = await started(startPeer(database));

    const bodies: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const expectedPeer: Record<string, string> = {};
    const executed: Array<{ query: string; data: unknown }> = [];
    for (const [name, s] of Object.entries(SCENARIOS)) {
      bodies[name] = JSON.stringify(s);
      expected[name] = await answer(service.url, bodies[name]);
      const fromPeer = await answer(peer.url, bodies[name]);
      // Apollo ends its JSON with a newline; the answer must be the same JSON, byte for byte otherwise.
      if (fromPeer.trimEnd() !== expected[name].trimEnd()) {
        throw new Error(`the peer's answer to ${name} differs from the service's: ${firstDifference(expected[name], fromPeer)}`);
      }
      expectedPeer[name] = fromPeer;
      // The execution-only peer keeps one root value per query text.
      if (executed.some((e) => e.query === s.query)) throw new Error(`scenario ${name}: another scenario has the same query text`);
      const typed = await answer(service.url, JSON.stringify({ ...s, query: withTypename(s.query) }));
      executed.push({ query: s.query, data: (JSON.parse(typed) as { data: unknown }).data });
    }
    const limit = await started(startLimit(Object.fromEntries(Object.keys(SCENARIOS).map((name, i) => [`/${i}`, expected[name]]))));
    const execution = await started(startExecutionPeer(executed));
    for (const name of Object.keys(SCENARIOS)) {
      const fromExecution = await answer(execution.url, bodies[name]);
      if (fromExecution !== expected[name]) {
        throw new Error(
          `the execution-only peer's answer to ${name} differs from the service's: ${firstDifference(expected[name], fromExecution)}`,
        );
      }
    }
    // The cached target must be answering from the cache, with the service's bytes.
    await cacheProbe(cached.url, bodies.headline);
    const probe = await cacheProbe(cached.url, bodies.headline);
    if (probe.state !== 'HIT' || probe.body !== expected.headline) {
      throw new Error(`the cached service did not serve the headline from its cache (x-cache: ${probe.state || 'none'})`);
    }

    const rows: Row[] = [];
    // The machine is shared: each target runs ROUNDS times, interleaved with the others,
    // and its best run counts, so a burst of outside load does not decide a ratio.
    for (const [i, name] of Object.keys(SCENARIOS).entries()) {
      let l: Row | undefined, e: Row | undefined, p: Row | undefined, sv: Row | undefined, c: Row | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        l = best(l, await load(database.kind, limit, name, bodies[name], expected[name], CONNECTIONS, DURATION, `/${i}`));
        e = best(e, await load(database.kind, execution, name, bodies[name], expected[name]));
        p = best(p, await load(database.kind, peer, name, bodies[name], expectedPeer[name]));
        sv = best(sv, await load(database.kind, service, name, bodies[name], expected[name]));
        if (name === 'headline') c = best(c, await load(database.kind, cached, name, bodies[name], expected[name]));
      }
      const group = [sv!, ...(c ? [c] : []), e!, p!, l!];
      for (const r of group) {
        r.vsExecutionPeer = +(r.rps / e!.rps).toFixed(3);
        r.vsLeanPeer = +(r.rps / p!.rps).toFixed(3);
        r.vsLimit = +(r.rps / l!.rps).toFixed(3);
      }
      rows.push(...group);
      console.error(`  ${database.kind}: ${name} done`);
    }
    return { rows, rss: { service: ((await service.rss()) ?? 0) / 2 ** 20, cached: ((await cached.rss()) ?? 0) / 2 ** 20 } };
  } finally {
    await Promise.all(children.map(stop));
  }
}

/** The better of two runs of one target (more requests per second). */
const best = (a: Row | undefined, b: Row) => (!a || b.rps > a.rps ? b : a);

const sqliteDatabase = (file: string): Database => ({
  kind: 'sqlite',
  env: { DATABASE_URL: `sqlite:${file}`, DATABASE_SCHEMA: '' },
  drop: async () => undefined,
});

async function main(): Promise<void> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const children: ChildProcess[] = [];
  try {
    const seedDb = await makeDatabase(dir, 1);
    const rows: Row[] = [];
    const rssMb: Partial<Record<StoreKind, { service: number; cached: number }>> = {};
    for (const kind of STORES) {
      const database = await scenarioDatabase(kind, seedDb);
      // Interrupted (Ctrl-C), the run still drops its PostgreSQL schema.
      const interrupted = () => void database.drop().finally(() => process.exit(130));
      process.once('SIGINT', interrupted);
      try {
        const result = await runScenarios(database);
        rows.push(...result.rows);
        rssMb[kind] = result.rss;
      } finally {
        process.off('SIGINT', interrupted);
        await database.drop();
      }
    }

    // Growth with data size, on SQLite: the seed and 10x, 100x, 1000x the events.
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
    for (const factor of GROWTH ? [1, 10, 100, 1000] : []) {
      const file = factor === 1 ? seedDb : await makeDatabase(dir, factor);
      const s = await startService(sqliteDatabase(file), false);
      children.push(s.child);
      const body = JSON.stringify({ query: HEADLINE(50) });
      const expectedBody = await answer(s.url, body);
      for (let i = 0; i < 300; i++) await answer(s.url, body); // warm the JIT and SQLite's page cache first
      let r: Row | undefined;
      for (let round = 0; round < ROUNDS; round++)
        r = best(r, await load('sqlite', s, `headline at ${factor}x`, body, expectedBody, 1, DURATION));
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
            pr = best(pr, await load('sqlite', s, `headline first ${first}`, pageBody, pageExpected, 1, DURATION));
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
      await stop(s.child);
      console.error(`  ${factor}x done`);
    }

    console.log(
      `\nScenarios: ${CONNECTIONS} connections, ${DURATION} s each, best of ${ROUNDS} interleaved rounds, one machine (${os.cpus().length} × ${os.cpus()[0]?.model}), Node ${process.version}\n`,
    );
    console.log(table(rows));
    if (GROWTH) {
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
    }
    for (const [kind, rss] of Object.entries(rssMb))
      console.log(`RSS after the scenarios on ${kind}: service ${rss.service.toFixed(1)} MB, cached service ${rss.cached.toFixed(1)} MB`);
    console.log(`Total time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const results = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
      node: process.version,
      connections: CONNECTIONS,
      seconds: DURATION,
      rounds: ROUNDS,
      stores: STORES,
      rows,
      pageRows,
      sizeRows,
      rssMb,
    };
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'bench.json'), JSON.stringify(results, null, 2) + '\n');
    if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    await Promise.all(children.map(stop));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
