import type { Logger } from 'pino';
import type { Config } from './config';
import { openStore, type Store } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { applySeed, isEmpty } from './seed/seed.apply';
import { loadSeedDir } from './seed/seed.loader';

/** Opens the store, applies migrations, and seeds it if it is empty. */
export async function prepareStore(config: Config, log: Logger): Promise<Store> {
  const store = openStore(config.store);
  try {
    const applied = await migrateToLatest(store);
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
    if (config.seedOnStart && (await isEmpty(store.db))) {
      const report = await applySeed(store, loadSeedDir(config.seedDir));
      log.info({ seed: report }, 'seeded the empty database');
    }
    return store;
  } catch (err) {
    await store.close();
    throw err;
  }
}
