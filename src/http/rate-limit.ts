import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Limits } from '../config';
import type { SharedRedis } from '../redis/shared-redis';

/**
 * Requests per client per window. A client is its IPv4 address, or its IPv6 /64
 * (RATE_LIMIT_IPV6_PREFIX): one subscriber line usually gets a whole /64, so counting
 * single IPv6 addresses would give one client 2^64 budgets. An IPv4-mapped IPv6 address
 * (::ffff:1.2.3.4) counts as its IPv4 address. Counters live in memory, or in Redis when
 * REDIS_URL is set, so every replica draws on one budget. If Redis fails (or its circuit
 * is open) the limit is skipped at once rather than the API going down or slowing down.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  limits: Limits,
  redis: SharedRedis | null,
  log: Logger,
): Promise<() => Promise<void>> {
  if (limits.rateLimitMax === 0) return async () => undefined;
  const windowSeconds = Math.ceil(limits.rateLimitWindowMs / 1000);
  await app.register(rateLimit, {
    global: true,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    ...(redis ? { store: redisCounters(redis, log) } : {}),
    skipOnError: true,
    enableDraftSpec: true, // RateLimit-Limit / -Remaining / -Reset, and Retry-After on 429
    // The plugin's own key: request.ip, IPv6 cut to its prefix, IPv4-mapped IPv6 as IPv4.
    ipv6Subnet: limits.rateLimitIpv6Prefix,
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      errors: [
        {
          message: `Rate limit exceeded: at most ${context.max} requests per ${windowSeconds} s from one client; retry after ${context.after}.`,
          extensions: { code: 'RATE_LIMITED', limit: context.max, windowSeconds },
        },
      ],
    }),
  });
  return async () => undefined; // the shared connection is closed by its owner
}

/** One counter per client and window: the first request of a window starts its expiry. */
const COUNT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}`;

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/** The plugin's store interface over the shared connection, so the circuit breaker sees every count. */
function redisCounters(redis: SharedRedis, log: Logger) {
  const namespace = `${redis.keyPrefix}rate-limit:`;
  let lastWarning = 0;
  return class RedisCounters {
    constructor(
      _options?: unknown,
      private readonly prefix = namespace,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      redis
        .run((client) => client.eval(COUNT, 1, this.prefix + key, timeWindow) as Promise<[number, number]>)
        .then(
          ([current, ttl]) => callback(null, { current, ttl }),
          (err: Error) => {
            if (Date.now() - lastWarning > 10_000) {
              lastWarning = Date.now();
              log.warn({ err: err.message }, 'rate limit skipped: Redis does not answer');
            }
            callback(err);
          },
        );
    }

    /** A route with a limit of its own counts apart (the plugin passes the route's merged options, with routeInfo). */
    child(routeOptions: object): RedisCounters {
      const { method, url } = (routeOptions as { routeInfo: { method: string; url: string } }).routeInfo;
      return new RedisCounters(undefined, `${this.prefix}${method}${url}-`);
    }
  };
}
