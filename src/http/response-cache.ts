import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Store } from '../db/connect';
import { readDataVersion } from '../db/data-version';

/*
 * Whole-response cache for queries. The key includes the data version (one row bumped by
 * every write), so a changed record is never served stale, even by another replica or
 * after a `db:seed` from another process. Hits skip GraphQL entirely. Every cacheable
 * answer carries an ETag; a matching If-None-Match gets 304. GET answers may be kept by
 * browsers and CDNs for CACHE_MAX_AGE_SECONDS (they revalidate with the ETag after that).
 */

interface Entry {
  body: string;
  contentType: string;
  etag: string;
}

interface CacheStore {
  get(key: string): Promise<Entry | undefined>;
  set(key: string, entry: Entry): Promise<void>;
  close(): Promise<void>;
}

/** Least-recently-used, bounded by entry count. */
function memoryStore(maxEntries: number): CacheStore {
  const entries = new Map<string, Entry>();
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
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async close() {
      entries.clear();
    },
  };
}

function redisStore(url: string, log: Logger): CacheStore {
  const redis = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => log.warn({ err }, 'response cache (Redis) error'));
  const prefix = 'timeline:response:';
  return {
    async get(key) {
      const raw = await redis.get(prefix + key).catch(() => null);
      return raw ? (JSON.parse(raw) as Entry) : undefined;
    },
    async set(key, entry) {
      // Keys of old data versions are never read again; they expire.
      await redis.set(prefix + key, JSON.stringify(entry), 'EX', 3600).catch(() => undefined);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export interface ResponseCacheOptions {
  enabled: boolean;
  maxEntries: number;
  maxAgeSeconds: number;
  redisUrl: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey?: string;
  }
}

const WRITE_OPERATION = /\b(mutation|subscription)\b/;

/** Adds to Vary rather than replacing it: CORS has already put Origin there. */
function varyAccept(reply: FastifyReply): FastifyReply {
  const current = reply.getHeader('vary');
  return reply.header('vary', current ? `${String(current)}, accept` : 'accept');
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
  if (query === null && !(request.method === 'GET' ? request.url : request.rawBody ?? '').includes('sha256Hash')) return null;
  if (query !== null && WRITE_OPERATION.test(query)) return null;
  // The request as sent (URL or raw body) identifies the operation and its inputs.
  const operation = request.method === 'GET' ? request.url : request.rawBody;
  if (operation === undefined) return null;
  return createHash('sha256').update(`${version}\u0001${request.method}\u0001${request.headers.accept ?? ''}\u0001${operation}`).digest('base64url');
}

export function registerResponseCache(app: FastifyInstance, store: Store, options: ResponseCacheOptions, log: Logger): () => Promise<void> {
  if (!options.enabled) return async () => undefined;
  const cache = options.redisUrl ? redisStore(options.redisUrl, log) : memoryStore(options.maxEntries);
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
    varyAccept(reply).header('etag', hit.etag).header('cache-control', cacheControl(request.method)).header('x-cache', 'HIT');
    if (noneMatch(request.headers['if-none-match'], hit.etag)) return reply.code(304).send();
    return reply.type(hit.contentType).send(hit.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.responseCacheKey;
    if (!key || reply.statusCode !== 200 || typeof payload !== 'string' || payload.includes('"errors"')) return payload;
    const entry = { body: payload, contentType: String(reply.getHeader('content-type') ?? 'application/json'), etag: etagOf(payload) };
    await cache.set(key, entry);
    varyAccept(reply).header('etag', entry.etag).header('cache-control', cacheControl(request.method)).header('x-cache', 'MISS');
    if (noneMatch(request.headers['if-none-match'], entry.etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  return () => cache.close();
}
