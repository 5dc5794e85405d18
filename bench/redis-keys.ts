import type Redis from 'ioredis';

/*
 * Keys under a run's own prefix on a shared Redis, found with SCAN, never KEYS: KEYS walks
 * the whole keyspace in one command and blocks that Redis for everyone using it.
 */

/** Every key matching `${prefix}${pattern}` (default: all under the prefix). */
export async function scanKeys(redis: Redis, prefix: string, pattern = '*'): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}${pattern}`, count: 500 })) found.push(...(batch as string[]));
  // SCAN may return a key more than once.
  return [...new Set(found)];
}

/** Deletes every key under `prefix`, a batch at a time as SCAN finds them; returns how many. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    const keys = batch as string[];
    if (keys.length) deleted += await redis.unlink(...keys);
  }
  return deleted;
}
