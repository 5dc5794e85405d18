import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { openStore, type Store } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { createContext, type Context } from '../src/app/context';
import { getSchema } from '../src/app/schema';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { inScratchSchema } from './common';

/*
 * Search latency per store for the fixed queries of the search tests, measured through
 * the real schema (parse, validate, execute, SQL) in one process, one run.
 *   npm run bench:search            SQLite only
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:search
 */

const QUERIES = ['405B', 'open source', 'Clegg', '"open source AI"', 'licensing', 'gpt-4o', 'anthropic or openai'];
const ROUNDS = Number(process.env.ROUNDS ?? 300);
const SEARCH =
  'query ($q: String!) { search(query: $q, first: 10) { totalCount edges { snippet score node { __typename ... on Release { slug } ... on PolicyPosition { slug } ... on Organization { slug } ... on Person { slug } } } } }';
const log = pino({ level: 'silent' });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(name: string, store: Store): Promise<void> {
  await migrateToLatest(store);
  await applySeed(store, loadSeedDir('seed'));
  const server = new ApolloServer<Context>({ schema: await getSchema(), logger: log });
  await server.start();
  console.log(`\n${name}: ${ROUNDS} rounds per query after 20 warm-up rounds (ms)`);
  console.log(`${'query'.padEnd(22)} ${'hits'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const q of QUERIES) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < ROUNDS + 20; i++) {
      const started = process.hrtime.bigint();
      const res = await server.executeOperation({ query: SEARCH, variables: { q } }, { contextValue: createContext(store, 'bench', log) });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(`search ${q} failed: ${JSON.stringify(res.body)}`);
      hits = (res.body.singleResult.data as any).search.totalCount;
      if (i >= 20) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${q.padEnd(22)} ${String(hits).padStart(5)} ${percentile(times, 50).toFixed(2).padStart(7)} ${percentile(times, 95).toFixed(2).padStart(7)} ${times[times.length - 1].toFixed(2).padStart(7)}`,
    );
  }
  await server.stop();
}

async function main(): Promise<void> {
  await measure('SQLite (in memory, FTS5)', openStore({ dialect: 'sqlite', filename: ':memory:' }));
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return;
  await inScratchSchema(url, (store) => measure('PostgreSQL (tsvector + GIN)', store));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
