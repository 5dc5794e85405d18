import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir } from '../src/seed/seed.loader';
import { formatSeedReport } from '../src/seed/seed.report';
import { runScript } from './cli';

const USAGE = 'Usage: npm run db:seed [-- --overwrite-curated]';

/**
 * Applies seed/*.yaml to the store DATABASE_URL names (migrating it first): an upsert by
 * slug in one transaction, safe to run again. Records edited or deleted through the API
 * are kept unless --overwrite-curated is given. Prints what it inserted, updated and left,
 * and every curated record it kept.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'overwrite-curated': { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return void console.log(USAGE);
  const config = loadConfig();
  const data = loadSeedDir(config.seedDir, { publishers: 'require' }); // validate before touching the database
  const store = openStore(config.store);
  try {
    await migrateToLatest(store);
    const report = await applySeed(store, data, { mutation: 'db:seed', overwriteCurated: values['overwrite-curated'] === true });
    console.log(formatSeedReport(report));
  } finally {
    await store.close();
  }
}

runScript(main, USAGE);
