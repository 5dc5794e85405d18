import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { deleteKeys, scanKeys } from '../support/redis-keys';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('clearing a prefix on the shared Redis', () => {
  const own = () => `test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('finds and deletes every key under the prefix, over many SCAN batches, and nothing else', async () => {
    const [prefix, neighbour] = [own(), own()];
    const pipeline = redis.pipeline();
    for (let i = 0; i < 1200; i++) pipeline.set(`${prefix}${i % 2 ? 'a' : 'b'}:${i}`, '1', 'EX', 60);
    pipeline.set(`${neighbour}kept`, '1', 'EX', 60);
    await pipeline.exec();
    expect(await scanKeys(redis, prefix, 'a:*')).toHaveLength(600);
    expect(await deleteKeys(redis, prefix)).toBe(1200);
    expect(await scanKeys(redis, prefix)).toEqual([]);
    expect(await redis.get(`${neighbour}kept`)).toBe('1');
    expect(await deleteKeys(redis, neighbour)).toBe(1);
  });
});
