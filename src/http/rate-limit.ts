import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Limits } from '../config';

/**
 * Requests per client (by IP) per window. Counters live in memory, or in Redis when
 * REDIS_URL is set, so every replica draws on one budget. If Redis fails the limit is
 * skipped rather than the API going down (and the failure is logged).
 */
export async function registerRateLimit(app: FastifyInstance, limits: Limits, redisUrl: string | null, log: Logger): Promise<() => Promise<void>> {
  if (limits.rateLimitMax === 0) return async () => undefined;
  const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 }) : null;
  redis?.on('error', (err) => log.warn({ err }, 'rate-limit store (Redis) error'));
  if (redis) {
    // Count from the first request: wait (briefly) until Redis is connected.
    const ready = await Promise.race([
      new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    if (!ready) log.warn('Redis is not reachable yet: rate limits are skipped until it is');
  }
  const windowSeconds = Math.ceil(limits.rateLimitWindowMs / 1000);
  await app.register(rateLimit, {
    global: true,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    ...(redis ? { redis, nameSpace: 'timeline:rate-limit:' } : {}),
    skipOnError: true,
    enableDraftSpec: true, // RateLimit-Limit / -Remaining / -Reset, and Retry-After on 429
    keyGenerator: (request) => request.ip,
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
  return async () => {
    if (redis) await redis.quit().catch(() => redis.disconnect());
  };
}
