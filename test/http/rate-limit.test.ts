import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { postJson, send, startLive, type Live } from '../support/live';
import { deleteKeys } from '../support/redis-keys';

const QUERY = { query: '{ __typename }' };

async function exhaust(live: Live, count: number) {
  const statuses = [];
  for (let i = 0; i < count; i++) statuses.push((await postJson(live.base, QUERY)).status);
  return statuses;
}

describe('rate limiting in memory', () => {
  it('answers 429 with Retry-After and RateLimit-* headers once a client is over budget; health checks are exempt', async () => {
    const live = await startLive({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      const first = await postJson(live.base, QUERY);
      expect(first.headers.get('ratelimit-limit')).toBe('3');
      expect(first.headers.get('ratelimit-remaining')).toBe('2');
      expect(await exhaust(live, 2)).toEqual([200, 200]);
      const limited = await postJson(live.base, QUERY);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3, windowSeconds: 60 });
      expect((await send(live.base, { method: 'GET', path: '/healthz' })).status).toBe(200);
    } finally {
      await live.close();
    }
  });
});

describe('rate limiting behind a proxy', () => {
  it('counts each forwarded client separately when TRUST_PROXY is set', async () => {
    const live = await startLive({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: 'true' });
    try {
      const as = (ip: string) => postJson(live.base, QUERY, { 'x-forwarded-for': ip });
      expect([(await as('203.0.113.1')).status, (await as('203.0.113.1')).status, (await as('203.0.113.1')).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await as('203.0.113.2')).status).toBe(200);
    } finally {
      await live.close();
    }
  });
});

describe('rate limiting by network for IPv6', () => {
  it('counts one IPv6 /64 as one client, another /64 apart, and an IPv4-mapped address as its IPv4 address', async () => {
    const live = await startLive({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: 'true' });
    try {
      const as = async (ip: string) => (await postJson(live.base, QUERY, { 'x-forwarded-for': ip })).status;
      // Three addresses of one /64: one budget of 2.
      expect([await as('2001:db8:1:2::1'), await as('2001:db8:1:2:ffff:ffff:ffff:fffe'), await as('2001:db8:1:2::3')]).toEqual([
        200, 200, 429,
      ]);
      expect(await as('2001:db8:1:3::1')).toBe(200);
      expect([await as('198.51.100.7'), await as('::ffff:198.51.100.7'), await as('::ffff:c633:6407')]).toEqual([200, 200, 429]);
    } finally {
      await live.close();
    }
  });

  it('takes the prefix length from RATE_LIMIT_IPV6_PREFIX', async () => {
    const live = await startLive({
      RATE_LIMIT_MAX: '1',
      RATE_LIMIT_WINDOW_MS: '60000',
      TRUST_PROXY: 'true',
      RATE_LIMIT_IPV6_PREFIX: '128',
    });
    try {
      const as = async (ip: string) => (await postJson(live.base, QUERY, { 'x-forwarded-for': ip })).status;
      expect([await as('2001:db8:1:2::1'), await as('2001:db8:1:2::2'), await as('2001:db8:1:2::1')]).toEqual([200, 200, 429]);
    } finally {
      await live.close();
    }
  });
});

describe('rate limiting in Redis', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  // Counters of its own on this machine's Redis (a fresh budget), removed afterwards.
  const prefix = `test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  afterAll(async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('shares one budget between two replicas', async () => {
    const env = { RATE_LIMIT_MAX: '4', RATE_LIMIT_WINDOW_MS: '60000', REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const [a, b] = [await startLive(env), await startLive(env)];
    try {
      expect(await exhaust(a, 2)).toEqual([200, 200]);
      expect(await exhaust(b, 2)).toEqual([200, 200]);
      const limited = await postJson(a.base, QUERY);
      expect(limited.status).toBe(429);
      expect((await postJson(b.base, QUERY)).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
