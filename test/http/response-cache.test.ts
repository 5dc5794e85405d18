import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createApiKey } from '../../src/auth/api-keys';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { memoryStore, redisStore, type CacheStore } from '../../src/http/response-cache';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/shared-redis';
import { applySeed } from '../../src/seed/seed.apply';
import { seed } from '../support/harness';
import { postJson, send, startLive, type Live } from '../support/live';
import { deleteKeys, scanKeys } from '../support/redis-keys';

const QUERY = '{ release(slug: "gemma") { title accessLevel } }';
const get = (live: Live, headers: Record<string, string> = {}) =>
  send(live.base, {
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent(QUERY)}`,
    headers: { 'apollo-require-preflight': 'true', ...headers },
  });

const withTitle = (title: string) => {
  const data = seed();
  return { ...data, releases: data.releases.map((r) => (r.value.slug === 'gemma' ? { ...r, value: { ...r.value, title } } : r)) };
};

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Keys of its own on this machine's Redis, removed afterwards; nothing else there is touched. */
const ownPrefix = () => `test:${process.pid}:${randomBytes(4).toString('hex')}:`;
async function removeKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await deleteKeys(redis, prefix);
  await redis.quit();
}
const STORES: Array<[string, () => Record<string, string>]> = [
  ['in memory', () => ({})],
  ['in Redis', () => ({ REDIS_URL, REDIS_KEY_PREFIX: ownPrefix() })],
];

describe.each(STORES)('the response cache %s', (_name, makeEnv) => {
  let live: Live;
  const env = makeEnv();
  beforeAll(async () => {
    live = await startLive({ RATE_LIMIT_MAX: '0', CACHE_MAX_AGE_SECONDS: '30', ...env });
  });
  afterAll(async () => {
    await live.close();
    if (env.REDIS_KEY_PREFIX) await removeKeys(env.REDIS_KEY_PREFIX);
  });

  it('serves a repeated GET from the cache with an ETag and a Cache-Control for browsers and CDNs', async () => {
    const first = await get(live);
    const second = await get(live);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    // A CDN must not hand the anonymous answer to a request carrying a key.
    for (const reply of [first, second]) expect(reply.headers.get('vary')?.toLowerCase()).toContain('authorization');
  });

  it('answers 304 with no body when the ETag still matches', async () => {
    const { headers } = await get(live);
    const revalidated = await get(live, { 'if-none-match': headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe('');
    const changed = await get(live, { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
  });

  it('never serves a changed record stale', async () => {
    const before = await get(live);
    expect(before.body.data.release.title).not.toBe('Gemma, retitled');
    await applySeed(live.store, withTitle('Gemma, retitled'));
    const after = await get(live);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.data.release.title).toBe('Gemma, retitled');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    // And an old ETag no longer earns a 304.
    expect((await get(live, { 'if-none-match': before.headers.get('etag')! })).status).toBe(200);
    await applySeed(live.store, seed());
  });

  it('keeps POST answers cached too, but tells HTTP caches not to store them', async () => {
    const a = await postJson(live.base, { query: QUERY });
    const b = await postJson(live.base, { query: QUERY });
    expect(b.headers.get('x-cache')).toBe('HIT');
    expect(b.headers.get('cache-control')).toBe('no-cache');
    expect(b.body).toEqual(a.body);
  });

  it('caches a GET whatever headers it carries: bare (urql), or with content-type: application/json (Apollo Client)', async () => {
    for (const headers of [{}, { 'content-type': 'application/json' }] as Array<Record<string, string>>) {
      const path = `/graphql?query=${encodeURIComponent(QUERY)}&h=${Object.keys(headers).length}`;
      const first = await send(live.base, { method: 'GET', path, headers });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect((await send(live.base, { method: 'GET', path, headers })).headers.get('x-cache')).toBe('HIT');
      expect((await send(live.base, { method: 'GET', path, headers: { ...headers, 'if-none-match': etag } })).status).toBe(304);
    }
  });

  it('revalidates by RFC 9110 weak comparison: a weak tag, a list, or * matches', async () => {
    const etag = (await get(live)).headers.get('etag')!;
    for (const header of [`W/${etag}`, `"other", ${etag}`, `W/"other", W/${etag}`, '*']) {
      expect({ header, status: (await get(live, { 'if-none-match': header })).status }).toEqual({ header, status: 304 });
    }
    expect((await get(live, { 'if-none-match': '"other", W/"another"' })).status).toBe(200);
  });

  it('does not cache answers with errors, and keys on the variables', async () => {
    const bad = '{ releases(first: 1000) { totalCount } }';
    await postJson(live.base, { query: bad });
    expect((await postJson(live.base, { query: bad })).headers.get('x-cache')).toBeNull();
    const byVar = 'query ($s: String!) { release(slug: $s) { slug } }';
    expect((await postJson(live.base, { query: byVar, variables: { s: 'llama-2' } })).body.data.release.slug).toBe('llama-2');
    expect((await postJson(live.base, { query: byVar, variables: { s: 'llama-3' } })).body.data.release.slug).toBe('llama-3');
  });

  it('shows a change made through the API at once, and never caches an answer given to a key holder', async () => {
    const { key } = await createApiKey(live.store.db, `cache-${randomBytes(3).toString('hex')}`, 'ADMIN');
    const auth = { authorization: `Bearer ${key}` };
    const before = await get(live);
    const release = (await postJson(live.base, { query: '{ release(slug: "gemma") { id version } }' })).body.data.release;
    const update = await postJson(
      live.base,
      {
        query: 'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { userErrors { code } } }',
        variables: { input: { id: release.id, version: release.version, title: 'Gemma, edited' } },
      },
      auth,
    );
    expect(update.body.data.updateRelease.userErrors).toEqual([]);
    const after = await get(live);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.data.release.title).toBe('Gemma, edited');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));

    const withKey = await get(live, auth);
    expect(withKey.headers.get('x-cache')).toBeNull();
    const audit = encodeURIComponent('{ auditLog(first: 1) { nodes { actor } } }');
    const asAdmin = await send(live.base, {
      method: 'GET',
      path: `/graphql?query=${audit}`,
      headers: { 'apollo-require-preflight': 'true', ...auth },
    });
    expect(asAdmin.body.data.auditLog.nodes[0].actor).toMatch(/^cache-/);
    const anonymous = await send(live.base, {
      method: 'GET',
      path: `/graphql?query=${audit}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data ?? null).toBeNull();
  });
});

/** `count` aliases of the whole timeline with summaries and sources: about 46 KB each. */
const wide = (count: number, tag: string) =>
  `query Wide${tag} { ${Array.from({ length: count }, (_, i) => `a${i}: timeline(first: 100) { nodes { date title summary sources { url title publisher } } }`).join(' ')} }`;

describe.each(STORES)('the response cache %s is bounded', (_name, makeEnv) => {
  const env = makeEnv();
  let live: Live;
  beforeAll(async () => {
    // Room for about four 27 KB answers; no answer over 100 KB.
    live = await startLive({ RATE_LIMIT_MAX: '0', RESPONSE_CACHE_MAX_BYTES: '120000', RESPONSE_CACHE_MAX_ENTRY_BYTES: '100000', ...env });
  });
  afterAll(async () => {
    await live.close();
    if (env.REDIS_KEY_PREFIX) await removeKeys(env.REDIS_KEY_PREFIX);
  });

  it('does not keep an answer larger than RESPONSE_CACHE_MAX_ENTRY_BYTES', async () => {
    const big = await postJson(live.base, { query: wide(4, 'Big') });
    expect(big.status).toBe(200);
    expect(JSON.stringify(big.body).length).toBeGreaterThan(100_000);
    const again = await postJson(live.base, { query: wide(4, 'Big') });
    expect(again.body).toEqual(big.body);
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('keeps the total within RESPONSE_CACHE_MAX_BYTES, dropping the oldest answers', async () => {
    const queries = Array.from({ length: 20 }, (_, i) => `query Page${i} { timeline(first: 100) { nodes { date title summary } } }`);
    for (const query of queries) expect((await postJson(live.base, { query })).headers.get('x-cache')).toBe('MISS');
    // The newest is still there, the oldest was dropped to make room.
    expect((await postJson(live.base, { query: queries[19] })).headers.get('x-cache')).toBe('HIT');
    expect((await postJson(live.base, { query: queries[0] })).headers.get('x-cache')).toBe('MISS');
    if (env.REDIS_KEY_PREFIX) {
      // What Redis holds under the prefix, measured there.
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        const keys = await scanKeys(redis, env.REDIS_KEY_PREFIX, 'response:entry:*');
        const sizes = await Promise.all(keys.map((key) => redis.strlen(key)));
        expect(keys.length).toBeGreaterThan(0);
        expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
      } finally {
        await redis.quit();
      }
    }
  });
});

describe.each(STORES)('the %s cache store', (_name, makeEnv) => {
  const env = makeEnv();
  let redis: SharedRedis | null = null;
  let store: CacheStore;
  const bounds = { maxEntries: 5, maxEntryBytes: 2000, maxBytes: 6000 };
  const entry = (bytes: number) => ({ body: 'x'.repeat(bytes), contentType: 'application/json', etag: '"e"' });
  beforeAll(async () => {
    if (env.REDIS_URL) redis = await connectSharedRedis(env.REDIS_URL, loadConfig(env).redis, pino({ level: 'silent' }));
    store = redis ? redisStore(redis, bounds) : memoryStore(bounds);
  });
  afterAll(async () => {
    await store.close();
    await redis?.close();
    if (env.REDIS_KEY_PREFIX) await removeKeys(env.REDIS_KEY_PREFIX);
  });

  it('refuses an entry over the per-entry bound and stays within the entry and byte bounds', async () => {
    await store.set('too-big', entry(2001));
    expect(await store.get('too-big')).toBeUndefined();
    for (let i = 0; i < 12; i++) await store.set(`k${i}`, entry(1500));
    const usage = await store.usage();
    expect(usage.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    expect(usage.entries).toBeLessThanOrEqual(bounds.maxEntries);
    expect(usage.entries).toBeGreaterThanOrEqual(3);
    expect(await store.get('k11')).toEqual(entry(1500));
    expect(await store.get('k0')).toBeUndefined();
    // Replacing an entry does not count it twice.
    for (let i = 0; i < 5; i++) await store.set('k11', entry(1500));
    expect((await store.usage()).bytes).toBe(usage.bytes);
  });

  // The shared Redis may evict or alter the index: the cache must not stay empty for good.
  const inRedis = env.REDIS_KEY_PREFIX ? it : it.skip;
  inRedis('recovers when the running total in Redis is wrong, and caches again', async () => {
    const raw = redis!.client;
    await raw.set(`${env.REDIS_KEY_PREFIX}response:bytes`, String(1e12));
    await store.set('after-corrupt-total', entry(1500));
    expect(await store.get('after-corrupt-total')).toEqual(entry(1500));
    await store.set('next', entry(1500));
    expect(await store.get('next')).toEqual(entry(1500));
    expect((await store.usage()).bytes).toBeLessThanOrEqual(bounds.maxBytes);
    await raw.set(`${env.REDIS_KEY_PREFIX}response:bytes`, 'not a number');
    await store.set('after-garbage-total', entry(1500));
    expect(await store.get('after-garbage-total')).toEqual(entry(1500));
    expect(await store.get('next')).toEqual(entry(1500));
  });

  inRedis.each(['1e+30', '0x10', '12.0', '-100000'])(
    'recounts a total of %s that is not a plain count, and keeps within the byte bound',
    async (total) => {
      await redis!.client.set(`${env.REDIS_KEY_PREFIX}response:bytes`, total);
      for (let i = 0; i < 5; i++) await store.set(`t${i}`, entry(1500));
      expect(await store.get('t4')).toEqual(entry(1500));
      const usage = await store.usage();
      expect(usage.bytes).toBeGreaterThan(0);
      expect(usage.bytes).toBeLessThanOrEqual(bounds.maxBytes);
      // What Redis really holds, counted from the entries themselves, not from the total.
      const keys = await redis!.client.zrange(`${env.REDIS_KEY_PREFIX}response:index`, 0, -1);
      const held = await Promise.all(keys.map((k) => redis!.client.strlen(k)));
      expect(held.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(bounds.maxBytes);
    },
  );

  inRedis('never deletes a key outside the entries prefix, even when the index names one', async () => {
    const outside = `${env.REDIS_KEY_PREFIX}not-an-entry`;
    await redis!.client.set(outside, 'keep me');
    await redis!.client.zadd(`${env.REDIS_KEY_PREFIX}response:index`, 0, outside);
    await redis!.client.hset(`${env.REDIS_KEY_PREFIX}response:sizes`, outside, '10');
    for (let i = 0; i < 8; i++) await store.set(`u${i}`, entry(1500));
    expect(await redis!.client.get(outside)).toBe('keep me');
    await redis!.client.del(outside);
  });

  inRedis('recovers when the sizes hash is evicted, and caches again', async () => {
    await redis!.client.del(`${env.REDIS_KEY_PREFIX}response:sizes`);
    for (let i = 0; i < 20; i++) await store.set(`s${i}`, entry(1500));
    expect(await store.get('s19')).toEqual(entry(1500));
    expect(await store.get('s18')).toEqual(entry(1500));
    const usage = await store.usage();
    expect(usage.bytes).toBeLessThanOrEqual(bounds.maxBytes);
    expect(usage.entries).toBeGreaterThanOrEqual(3);
  });

  inRedis('treats a corrupt entry as a miss and removes it', async () => {
    const key = `${env.REDIS_KEY_PREFIX}response:entry:corrupt`;
    for (const bad of ['{"body":', 'null', '{"body":1}', '']) {
      await redis!.client.set(key, bad);
      await expect(store.get('corrupt')).resolves.toBeUndefined();
      expect(await redis!.client.exists(key)).toBe(0);
    }
  });
});
