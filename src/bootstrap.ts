import type { Logger } from 'pino';
import type { Config } from './config';
import { sql } from 'kysely';
import { isUnavailable, StoreUnavailableError } from './db/availability';
import { openStore, type Store } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { applySeed, isEmpty } from './seed/seed.apply';
import { loadSeedDir } from './seed/seed.loader';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeStore(config: Config): string {
  if (config.store.dialect === 'sqlite') return `SQLite at ${config.store.filename}`;
  const url = new URL(config.store.connectionString);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Waits for the database to answer: a bounded number of attempts, then a clear error. */
async function reachStore(store: Store, config: Config, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(store.db);
      return;
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      const reason = err instanceof Error ? err.message || (err as { code?: string }).code : String(err);
      if (attempt >= config.connectAttempts) {
        throw new StoreUnavailableError(
          `${describeStore(config)} did not answer after ${attempt} attempt(s) (${reason}). Check DATABASE_URL and that the server is running; DATABASE_CONNECT_ATTEMPTS and DATABASE_CONNECT_RETRY_DELAY_MS set how long start-up waits.`,
          { cause: err },
        );
      }
      log.warn({ attempt, of: config.connectAttempts, reason }, `database not reachable yet, retrying in ${config.connectRetryDelayMs} ms`);
      await sleep(config.connectRetryDelayMs);
    }
  }
}

/** Opens the store, waits for it, applies migrations, and seeds it if it is empty. */
export async function prepareStore(config: Config, log: Logger): Promise<Store> {
  const store = openStore(config.store, { onConnectionError: (err) => log.warn({ err }, 'a pooled database connection failed') });
  try {
    await reachStore(store, config, log);
    const applied = await migrateToLatest(store);
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
    if (config.seedOnStart) {
      // Replicas starting together: one seeds, the others then find the database full.
      await store.adapter.exclusively(store.db, 'timeline:seed-on-start', async () => {
        if (!(await isEmpty(store.db))) return;
        const report = await applySeed(store, loadSeedDir(config.seedDir, { publishers: 'when-present' }), { mutation: 'seed' });
        log.info({ seed: report }, 'seeded the empty database');
      });
    }
    return store;
  } catch (err) {
    await store.close();
    throw err;
  }
}
