import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, statementCount, type Store } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { applySeed } from '../src/seed/seed.apply';
import { exportSeed } from '../src/seed/seed.export';
import { loadSeedDir } from '../src/seed/seed.loader';
import { inScratchSchema } from './common';
import { addSyntheticData } from './generate';

/*
 * How long seeding takes at FACTOR times the seed's events (default 1000): the seed plus
 * bench/generate.ts's synthetic records, exported as seed files, then applied to an empty
 * store (the first seeding) and applied again (nothing changed).
 *   npm run bench:seed                 SQLite only
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:seed
 */

const seconds = (started: bigint) => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);

/** Time and SQL statements of one step (the statement count does not vary with the machine's load). */
async function step(label: string, run: () => Promise<unknown>): Promise<void> {
  const statements = statementCount.value;
  const started = process.hrtime.bigint();
  await run();
  console.log(`${label}: ${seconds(started)} s, ${statementCount.value - statements} statements`);
}

/** Seed files for the seed and its synthetic growth, written to a temporary directory. */
async function syntheticSeedDir(factor: number): Promise<string> {
  const store = openStore({ dialect: 'sqlite', filename: ':memory:' });
  await migrateToLatest(store);
  await applySeed(store, loadSeedDir('seed'));
  await addSyntheticData(store.db, store.adapter, factor);
  // The generator draws access levels at random; OPEN_SOURCE needs an OSI-approved license, which the seed rules check.
  await store.db
    .updateTable('releases')
    .set({ access_level: 'OPEN_WEIGHTS' })
    .where('slug', 'like', 'synthetic-%')
    .where('access_level', '=', 'OPEN_SOURCE')
    .execute();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-bench-'));
  await exportSeed(store.db, store.adapter, dir);
  await store.close();
  return dir;
}

async function measure(name: string, store: Store, dir: string): Promise<void> {
  await migrateToLatest(store);
  const started = process.hrtime.bigint();
  const data = loadSeedDir(dir);
  console.log(
    `${name}: load and validate ${data.releases.length} releases, ${data.policyPositions.length} positions: ${seconds(started)} s`,
  );
  await step(`${name}: first seeding of the empty store`, () => applySeed(store, data));
  await step(`${name}: seeding again, nothing changed`, () => applySeed(store, data));
}

async function main(): Promise<void> {
  const factor = Number(process.env.FACTOR ?? 1000);
  const dir = await syntheticSeedDir(factor);
  try {
    const sqlite = openStore({ dialect: 'sqlite', filename: ':memory:' });
    await measure('SQLite (in memory)', sqlite, dir).finally(() => sqlite.close());
    const url = process.env.BENCH_DATABASE_URL;
    if (url) await inScratchSchema(url, (store) => measure('PostgreSQL', store, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
