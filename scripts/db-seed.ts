import 'reflect-metadata';
import { ConfigError, loadConfig } from '../src/config';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { applySeed } from '../src/seed/seed.apply';
import { loadSeedDir, SeedValidationError } from '../src/seed/seed.loader';

/**
 * Applies seed/*.yaml to the store DATABASE_URL names (migrating it first): an upsert by
 * slug in one transaction, safe to run again. Prints what it inserted, updated and left.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const data = loadSeedDir(config.seedDir); // validate before touching the database
  const store = openStore(config.store);
  try {
    await migrateToLatest(store);
    const report = await applySeed(store, data);
    const rows = Object.entries(report).map(([kind, t]) => `${kind.padEnd(16)} ${String(t.inserted).padStart(8)} ${String(t.updated).padStart(8)} ${String(t.unchanged).padStart(9)}`);
    console.log([`${'record'.padEnd(16)} ${'inserted'.padStart(8)} ${'updated'.padStart(8)} ${'unchanged'.padStart(9)}`, ...rows].join('\n'));
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else if (err instanceof SeedValidationError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
