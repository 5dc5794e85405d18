import 'reflect-metadata';
import { ConfigError, loadConfig } from '../src/config';
import { openStore } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';

/** Applies pending migrations to the store DATABASE_URL names. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = openStore(config.store);
  try {
    const applied = await migrateToLatest(store);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}.` : 'Database is up to date; nothing to apply.',
    );
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err instanceof Error ? err.message : err);
  process.exit(1);
});
