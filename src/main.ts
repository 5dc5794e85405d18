import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createService } from './http/server';
import { prepareStore } from './bootstrap';
import { createLogger } from './logger';
import { SeedValidationError } from './seed/seed.loader';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config);
  let store;
  try {
    store = await prepareStore(config, log);
  } catch (err) {
    if (err instanceof SeedValidationError) console.error(err.message);
    log.fatal({ err }, 'could not prepare the store');
    process.exit(1);
  }
  const { app } = await createService(config, store, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    try {
      await app.close(); // stops accepting, lets in-flight requests finish, stops Apollo
      await store.close();
      log.info('shut down cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, store: store.adapter.name }, `GraphQL API at ${address}/graphql`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
