import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createApiKey } from '../src/auth/api-keys';
import { applySeed } from '../src/seed/seed.apply';
import { seed } from './support/harness';
import { postJson, send, startLive, type Live } from './support/live';

const QUERY = '{ release(slug: "gemma") { title accessLevel } }';
const get = (live: Live, headers: Record<string, string> = {}) =>
  send(live.base, { method: 'GET', path: `/graphql?query=${encodeURIComponent(QUERY)}`, headers: { 'apollo-require-preflight': 'true', ...headers } });

const withTitle = (title: string) => {
  const data = seed();
  return { ...data, releases: data.releases.map((r) => (r.value.slug === 'gemma' ? { ...r, value: { ...r.value, title } } : r)) };
};

describe.each([
  ['in memory', {}],
  ['in Redis', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }],
])('the response cache %s', (_name, env: Record<string, string>) => {
  let live: Live;
  beforeAll(async () => {
    if (env.REDIS_URL) {
      const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
      const keys = await redis.keys('timeline:response:*');
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
    live = await startLive({ RATE_LIMIT_MAX: '0', CACHE_MAX_AGE_SECONDS: '30', ...env });
  });
  afterAll(() => live.close());

  it('serves a repeated GET from the cache with an ETag and a Cache-Control for browsers and CDNs', async () => {
    const first = await get(live);
    const second = await get(live);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
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
      { query: 'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { userErrors { code } } }', variables: { input: { id: release.id, version: release.version, title: 'Gemma, edited' } } },
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
    const asAdmin = await send(live.base, { method: 'GET', path: `/graphql?query=${audit}`, headers: { 'apollo-require-preflight': 'true', ...auth } });
    expect(asAdmin.body.data.auditLog.nodes[0].actor).toMatch(/^cache-/);
    const anonymous = await send(live.base, { method: 'GET', path: `/graphql?query=${audit}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data ?? null).toBeNull();
  });

});
