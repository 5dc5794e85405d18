import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { createApiKey } from '../src/auth/api-keys';
import { openStore, type Store } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { createContext, type Context } from '../src/app/context';
import { getSchema } from '../src/app/schema';
import { inProcessEvents } from '../src/live/timeline-events';
import { rebuildSearchIndex } from '../src/search/search.indexer';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { addSyntheticData } from './generate';

/*
 * What a curation write costs, by store and data size: the latency of updateRelease and
 * createRelease through the real schema (in process, so HTTP is not counted), next to
 * the full-text index rebuild every write includes. Sequential writes, median and p95.
 *   npm run bench:curation            (PostgreSQL too when BENCH_DATABASE_URL is set)
 */

const ROOT = path.join(__dirname, '..', '..');
const FACTORS = (process.env.BENCH_FACTORS ?? '1,100,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const silent = pino({ level: 'silent' });

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (n: number) => +n.toFixed(1);

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function openBenchStore(kind: 'sqlite' | 'postgres', dir: string, factor: number): Promise<Store> {
  if (kind === 'postgres') {
    const schema = `bench_curation_${process.pid}_${factor}`;
    const admin = openStore({
      dialect: 'postgres',
      connectionString: process.env.BENCH_DATABASE_URL!,
      poolSize: 1,
      statementTimeoutMs: 0,
      connectTimeoutMs: 5000,
    });
    await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    return openStore({
      dialect: 'postgres',
      connectionString: process.env.BENCH_DATABASE_URL!,
      poolSize: 5,
      statementTimeoutMs: 0,
      connectTimeoutMs: 5000,
      schema,
    });
  }
  return openStore({ dialect: 'sqlite', filename: path.join(dir, `curation-${factor}x.sqlite`) });
}

async function measure(kind: 'sqlite' | 'postgres', dir: string, factor: number) {
  const store = await openBenchStore(kind, dir, factor);
  try {
    await migrateToLatest(store);
    await applySeed(store, loadSeedDir(path.join(ROOT, 'seed')));
    if (factor > 1) await addSyntheticData(store.db, store.adapter, factor);
    const server = new ApolloServer<Context>({ schema: await getSchema(), logger: silent });
    await server.start();
    const events = inProcessEvents();
    const { key } = await createApiKey(store.db, 'bench', 'EDITOR');
    const call = async (query: string, variables: Record<string, unknown>) => {
      const res = await server.executeOperation(
        { query, variables },
        { contextValue: createContext(store, 'bench', silent, { authorization: `Bearer ${key}`, events }) },
      );
      if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(JSON.stringify(res.body));
      const data = res.body.singleResult.data as Record<string, { userErrors: unknown[] } & Record<string, any>>;
      const payload = Object.values(data)[0]!;
      if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
      return payload;
    };

    const update = 'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { version } userErrors { message } } }';
    const create = 'mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { version } userErrors { message } } }';
    const id = Buffer.from('Release:llama-3-1').toString('base64');
    let version = Number(
      (await store.db.selectFrom('releases').select('version').where('slug', '=', 'llama-3-1').executeTakeFirstOrThrow()).version,
    );
    const updates: number[] = [];
    const creates: number[] = [];
    const rebuilds: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      updates.push(
        await timed(async () => {
          version = (await call(update, { input: { id, version, summary: `Benchmark edit ${i}.` } })).release.version;
        }),
      );
      creates.push(
        await timed(async () => {
          await call(create, {
            input: {
              slug: `bench-release-${i}`,
              name: `Bench ${i}`,
              artifactType: 'MODEL',
              organization: 'meta',
              date: '2026-01-01',
              datePrecision: 'DAY',
              accessLevel: 'OPEN_WEIGHTS',
              license: 'llama-4-community-license',
              sources: [{ url: `https://example.org/bench/${i}`, title: `Bench ${i}` }],
            },
          });
        }),
      );
      rebuilds.push(await timed(async () => void (await store.db.transaction().execute((trx) => rebuildSearchIndex(trx)))));
    }
    await events.close();
    await server.stop();
    const releases = Number(
      (
        await store.db
          .selectFrom('releases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return {
      store: kind,
      factor,
      releases,
      updateP50: ms(quantile(updates, 0.5)),
      updateP95: ms(quantile(updates, 0.95)),
      createP50: ms(quantile(creates, 0.5)),
      createP95: ms(quantile(creates, 0.95)),
      searchRebuildP50: ms(quantile(rebuilds, 0.5)),
    };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-curation-'));
  const kinds: Array<'sqlite' | 'postgres'> = process.env.BENCH_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const rows = [];
  try {
    for (const kind of kinds)
      for (const factor of FACTORS) {
        const row = await measure(kind, dir, factor);
        console.error(JSON.stringify(row));
        rows.push(row);
      }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'curation.json'), JSON.stringify({ rounds: ROUNDS, rows }, null, 2) + '\n');
  console.log('| store | data | releases | update p50 / p95 ms | create p50 / p95 ms | search rebuild p50 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.store} | ${r.factor}x | ${r.releases} | ${r.updateP50} / ${r.updateP95} | ${r.createP50} / ${r.createP95} | ${r.searchRebuildP50} |`,
    );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
