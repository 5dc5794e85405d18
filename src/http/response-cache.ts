import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../db/connect';
import { readDataVersion } from '../db/data-version';
import type { SharedRedis } from '../redis/shared-redis';

/*
 * Whole-response cache for queries. The key includes the data version (one row bumped by
 * every write), so a changed record is never served stale, even by another replica or
 * after a `db:seed` from another process. Hits skip GraphQL entirely. Every cacheable
 * answer carries an ETag; a matching If-None-Match gets 304. GET answers may be kept by
 * browsers and CDNs for CACHE_MAX_AGE_SECONDS (they revalidate with the ETag after that).
 */

export interface Entry {
  body: string;
  contentType: string;
  etag: string;
}

export interface CacheStore {
  get(key: string): Promise<Entry | undefined>;
  /** Keeps `entry` unless it is larger than the per-entry bound; evicts the oldest to stay within the totals. */
  set(key: string, entry: Entry): Promise<void>;
  /** What is kept now, for tests and operators. */
  usage(): Promise<{ entries: number; bytes: number }>;
  close(): Promise<void>;
}

export interface CacheBounds {
  maxEntries: number;
  /** A larger entry is not kept. */
  maxEntryBytes: number;
  /** All entries together. */
  maxBytes: number;
}

/** What an entry costs: its body (headers and the key are small and bounded). */
const sizeOf = (entry: Entry) => Buffer.byteLength(entry.body);

/** Least-recently-used, bounded by entry count and by bytes. */
export function memoryStore(bounds: CacheBounds): CacheStore {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= sizeOf(old);
  };
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    async set(key, entry) {
      const size = sizeOf(entry);
      if (size > bounds.maxEntryBytes) return;
      remove(key);
      entries.set(key, entry);
      bytes += size;
      while (entries.size > bounds.maxEntries || bytes > bounds.maxBytes) remove(entries.keys().next().value!);
    },
    async usage() {
      return { entries: entries.size, bytes };
    },
    async close() {
      entries.clear();
      bytes = 0;
    },
  };
}

/*
 * In Redis, each entry is a key of its own (expiring after ENTRY_TTL_SECONDS) and an index
 * under the same prefix bounds them all: a sorted set of entry keys by the time they were
 * written and a hash of their sizes, with the running total. Writing an entry drops the
 * expired ones from the index, then the oldest until the new one fits both bounds. One
 * script, so replicas writing at once cannot push the totals past their bounds. (Single
 * Redis: the script touches keys it is not given, which Redis Cluster does not allow.)
 *
 * The Redis is shared: its eviction policy may drop the sizes hash or the total, or someone
 * may edit them, and the total then no longer shrinks as entries go. So a total that is not
 * a plain count (gone, garbage, 1e+30, negative) is counted again from the sizes, and once
 * the index is empty the total is 0 whatever it said: a wrong total costs at most one
 * emptied index, never the cache for good. Only keys under the entries' prefix are deleted.
 */
const ENTRY_TTL_SECONDS = 3600;
const STORE = `
local index, sizes, total = KEYS[1], KEYS[2], KEYS[3]
local key, value, size, now = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local ttl, maxEntries, maxBytes, entries = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
-- The total as stored, if it is a plain count; anything else (gone, edited, 1e+30, -5) is
-- counted again from the sizes. It is kept in a local and written once, at the end.
local raw = redis.call('GET', total)
local bytes = raw and string.match(raw, '^%d+$') and tonumber(raw)
if not bytes then
  bytes = 0
  for _, v in ipairs(redis.call('HVALS', sizes)) do bytes = bytes + (tonumber(v) or 0) end
end
local function drop(k)
  bytes = bytes - (tonumber(redis.call('HGET', sizes, k)) or 0)
  redis.call('HDEL', sizes, k)
  redis.call('ZREM', index, k)
  -- Only entry keys are ever deleted: the Redis is shared, and an edited index must not reach others' keys.
  if string.sub(k, 1, #entries) == entries then redis.call('DEL', k) end
end
for _, k in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', now - ttl * 1000)) do drop(k) end
drop(key)
if size <= maxBytes then
  while redis.call('ZCARD', index) >= maxEntries or bytes + size > maxBytes do
    local oldest = redis.call('ZRANGE', index, 0, 0)[1]
    if not oldest then break end
    drop(oldest)
  end
end
if redis.call('ZCARD', index) == 0 then
  redis.call('DEL', sizes)
  bytes = 0
end
if bytes < 0 then bytes = 0 end
if size <= maxBytes then
  redis.call('SET', key, value, 'EX', ttl)
  redis.call('ZADD', index, now, key)
  redis.call('HSET', sizes, key, size)
  bytes = bytes + size
end
redis.call('SET', total, bytes)
return bytes`;

/** A stored entry as it must look; anything else in the shared Redis is not served. */
function parseEntry(raw: string): Entry | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { body, contentType, etag } = value as Record<string, unknown>;
    return typeof body === 'string' && typeof contentType === 'string' && typeof etag === 'string'
      ? { body, contentType, etag }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Bounded like the in-memory store; every command goes through the shared connection's circuit breaker. */
export function redisStore(redis: SharedRedis, bounds: CacheBounds): CacheStore {
  const prefix = `${redis.keyPrefix}response:`;
  const index = [`${prefix}index`, `${prefix}sizes`, `${prefix}bytes`];
  return {
    async get(key) {
      // Redis failing or skipped: a miss, and the query runs as if there were no cache.
      const raw = await redis.run((client) => client.get(`${prefix}entry:${key}`)).catch(() => null);
      if (raw === null) return undefined;
      const entry = parseEntry(raw);
      // Corrupt (edited, truncated, another writer's): a miss, and the next answer replaces it.
      if (!entry) await redis.run((client) => client.del(`${prefix}entry:${key}`)).catch(() => undefined);
      return entry;
    },
    async set(key, entry) {
      if (sizeOf(entry) > bounds.maxEntryBytes) return;
      // Counted as stored: the totals bound what Redis holds, JSON escaping included.
      const value = JSON.stringify(entry);
      const args = [
        `${prefix}entry:${key}`,
        value,
        Buffer.byteLength(value),
        Date.now(),
        ENTRY_TTL_SECONDS,
        bounds.maxEntries,
        bounds.maxBytes,
        `${prefix}entry:`,
      ];
      await redis.run((client) => client.eval(STORE, index.length, ...index, ...args)).catch(() => undefined);
    },
    async usage() {
      const [entries, bytes] = await redis.run((client) => Promise.all([client.zcard(index[0]), client.get(index[2])]));
      return { entries, bytes: Number(bytes ?? 0) };
    },
    async close() {
      /* the shared connection is closed by its owner */
    },
  };
}

export interface ResponseCacheOptions extends CacheBounds {
  enabled: boolean;
  maxAgeSeconds: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey?: string;
  }
}

const WRITE_OPERATION = /\b(mutation|subscription)\b/;

/**
 * Adds to Vary rather than replacing it (CORS has already put Origin there). Authorization:
 * a shared cache must not hand this anonymous answer to a request carrying a key, whose
 * answer can differ (an admin sees key names and deleted records' history).
 */
function varyCached(reply: FastifyReply): FastifyReply {
  const current = reply.getHeader('vary');
  return reply.header('vary', current ? `${String(current)}, accept, authorization` : 'accept, authorization');
}
const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * If-None-Match by RFC 9110's weak comparison (section 13.1.2): `*`, or any tag of the list
 * equal to ours once `W/` is set aside. Browsers and CDNs send weak or listed tags back.
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === opaque);
}

/** What identifies a response: the operation and its inputs, the accepted media type, the data version. */
function cacheKey(request: FastifyRequest, version: number): string | null {
  // An answer given to a key holder (the audit log, say) is never shared with anyone else.
  if (request.headers.authorization !== undefined) return null;
  const source = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return null;
  const query = typeof source.query === 'string' ? source.query : null;
  if (query === null && !(request.method === 'GET' ? request.url : (request.rawBody ?? '')).includes('sha256Hash')) return null;
  if (query !== null && WRITE_OPERATION.test(query)) return null;
  // The request as sent (URL or raw body) identifies the operation and its inputs.
  const operation = request.method === 'GET' ? request.url : request.rawBody;
  if (operation === undefined) return null;
  return createHash('sha256')
    .update(`${version}\u0001${request.method}\u0001${request.headers.accept ?? ''}\u0001${operation}`)
    .digest('base64url');
}

export function registerResponseCache(
  app: FastifyInstance,
  store: Store,
  options: ResponseCacheOptions,
  redis: SharedRedis | null,
): () => Promise<void> {
  if (!options.enabled) return async () => undefined;
  const cache = redis ? redisStore(redis, options) : memoryStore(options);
  const cacheControl = (method: string) => (method === 'GET' ? `public, max-age=${options.maxAgeSeconds}` : 'no-cache');

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || reply.sent) return;
    // If the database is down, skip the cache: GraphQL then answers 503 as usual.
    const version = await readDataVersion(store.db).catch(() => null);
    const key = version === null ? null : cacheKey(request, version);
    if (!key) return;
    const hit = await cache.get(key);
    if (!hit) {
      request.responseCacheKey = key;
      return;
    }
    varyCached(reply).header('etag', hit.etag).header('cache-control', cacheControl(request.method)).header('x-cache', 'HIT');
    if (noneMatch(request.headers['if-none-match'], hit.etag)) return reply.code(304).send();
    return reply.type(hit.contentType).send(hit.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.responseCacheKey;
    if (!key || reply.statusCode !== 200 || typeof payload !== 'string' || payload.includes('"errors"')) return payload;
    const entry = { body: payload, contentType: String(reply.getHeader('content-type') ?? 'application/json'), etag: etagOf(payload) };
    await cache.set(key, entry);
    varyCached(reply).header('etag', entry.etag).header('cache-control', cacheControl(request.method)).header('x-cache', 'MISS');
    if (noneMatch(request.headers['if-none-match'], entry.etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  return () => cache.close();
}
