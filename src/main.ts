import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createService } from './http/server';
import { prepareStore } from './bootstrap';
import { createLogger } from './logger';
import { SeedValidationError } from './seed/seed.loader';
import { StoreUnavailableError } from './db/availability';

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
    if (err instanceof SeedValidationError || err instanceof StoreUnavailableError) console.error(err.message);
    log.fatal({ err }, 'could not prepare the store');
    process.exitCode = 1; // exit once the log is flushed, not before
    return;
  }
  const service = await createService(config, store, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Exit by letting the event loop drain, so buffered log lines reach stdout; the
    // unref'd timer only fires if some handle would keep the process alive.
    // Connections are cut after SHUTDOWN_TIMEOUT_MS; this is the last resort beyond it.
    setTimeout(() => process.exit(process.exitCode ?? 0), config.limits.shutdownTimeoutMs + 5000).unref();
    try {
      await service.close();
      await store.close();
      log.info('shut down cleanly');
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await service.app.listen({ port: config.port, host: config.host });
  log.info({ address, store: store.adapter.name }, `GraphQL API at ${address}/graphql`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
