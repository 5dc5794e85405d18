import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisSettings } from '../config';
import { CircuitBreaker } from './circuit-breaker';

/*
 * Redis is optional state (response cache, rate-limit counters, live-update fan-out): when
 * it fails, requests must go on without it, fast. So no command waits for a connection
 * (no offline queue), none waits long for an answer (command timeout), a connection that
 * stops answering is dropped and made again (socket timeout), and after repeated failures
 * Redis is skipped altogether for a cool-down (circuit breaker) before one probe.
 */

/** Thrown at once, without touching the network, while the circuit is open. */
export class RedisSkipped extends Error {
  constructor() {
    super('Redis is skipped for now: recent commands failed (circuit open)');
    this.name = 'RedisSkipped';
  }
}

export type RedisHealth = 'ok' | 'degraded';

export interface SharedRedis {
  /** The command connection; go through `run` so the breaker sees every outcome. */
  readonly client: Redis;
  readonly keyPrefix: string;
  /** Runs one command (or script) on `client`; rejects at once while the circuit is open. */
  run<T>(command: (client: Redis) => Promise<T>): Promise<T>;
  /** A subscriber connection with the same fail-fast options (a subscribed connection can do nothing else). */
  duplicateForSubscribing(): Redis;
  /** Asks Redis (one PING, within the command timeout, unless the circuit is open). */
  health(): Promise<RedisHealth>;
  close(): Promise<void>;
}

/** One log line per 10 s at most: a Redis that is down reports every reconnect attempt. */
export function throttled(logError: (err: Error) => void): (err: Error) => void {
  let last = 0;
  return (err) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    logError(err);
  };
}

/** Connection options shared by every connection the service makes. */
export function failFastOptions(settings: RedisSettings): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: settings.commandTimeoutMs,
    // A connection with a command outstanding and nothing heard for this long is dead
    // (a blackholed peer never resets it): destroy it and reconnect.
    socketTimeout: Math.max(1000, settings.commandTimeoutMs * 4),
    // Reconnect soon after a failure, never more than a second apart.
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    lazyConnect: false,
  };
}

/** Resolves true once `redis` is ready, false if it is not within `ms` (it keeps trying). */
export function readyWithin(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return Promise.race([
    new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}

/** Connects, waiting briefly so counting and caching work from the first request; goes on (degraded) if Redis is not there. */
export async function connectSharedRedis(url: string, settings: RedisSettings, log: Logger): Promise<SharedRedis> {
  const client = new Redis(url, failFastOptions(settings));
  if (!(await readyWithin(client, 3000))) log.warn('Redis is not reachable yet: the service starts without it and uses it once it answers');
  client.on(
    'error',
    throttled((err) => log.warn({ err }, 'Redis error')),
  );
  const breaker = new CircuitBreaker(settings.breakerFailures, settings.breakerCooldownMs, (state) => {
    if (state === 'open')
      log.warn({ cooldownMs: settings.breakerCooldownMs }, 'Redis circuit open: response cache and shared rate limits are skipped');
    if (state === 'closed') log.info('Redis circuit closed: Redis answers again');
  });

  async function run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    const pass = breaker.allow();
    if (pass === null) throw new RedisSkipped();
    try {
      const result = await command(client);
      breaker.success(pass);
      return result;
    } catch (err) {
      // A script or type error is Redis answering: only failures to answer count.
      if (err instanceof Error && /^(ERR|WRONGTYPE|NOSCRIPT)/.test(err.message)) breaker.success(pass);
      else breaker.failure(pass);
      throw err;
    }
  }

  return {
    client,
    keyPrefix: settings.keyPrefix,
    run,
    // Subscribing is not on any request's path: it may wait for the connection (and is redone after each reconnect).
    duplicateForSubscribing: () =>
      new Redis(url, { ...failFastOptions(settings), enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined }),
    async health() {
      const answered = await run((c) => c.ping()).then(
        () => true,
        () => false,
      );
      return answered && breaker.state === 'closed' ? 'ok' : 'degraded';
    },
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
