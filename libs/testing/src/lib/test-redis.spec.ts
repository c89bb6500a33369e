import type Redis from 'ioredis';
import { getFreePort } from './free-port';
import { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL } from './test-redis';
import { uniquePrefix } from './unique-prefix';

describe('TEST_REDIS_URL', () => {
  it('defaults to the local Redis unless REDIS_URL is set', () => {
    expect(TEST_REDIS_URL).toBe(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  });
});

describe('connectTestRedis', () => {
  it('connects to the real Redis', async () => {
    const redis = await connectTestRedis();
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('fails clearly and quickly when nothing listens', async () => {
    const url = `redis://127.0.0.1:${await getFreePort()}`;
    const started = Date.now();
    await expect(connectTestRedis(url)).rejects.toThrow(
      `Redis is not answering at ${url} (start it with .ci/run)`,
    );
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('keeps passwords out of the message', async () => {
    const url = `redis://user:secret@127.0.0.1:${await getFreePort()}`;
    await expect(connectTestRedis(url)).rejects.toThrow(/redis:\/\/\*\*\*@127\.0\.0\.1/);
    await expect(connectTestRedis(url)).rejects.not.toThrow(/secret/);
  });
});

describe('deleteKeysWithPrefix', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectTestRedis();
  });

  afterAll(() => redis.disconnect());

  it('deletes only keys under the prefix, across many SCAN pages', async () => {
    const prefix = uniquePrefix('delete');
    const other = uniquePrefix('keep');
    const pipeline = redis.pipeline();
    for (let i = 0; i < 1200; i++) {
      pipeline.set(`${prefix}${i}`, 'x');
    }
    pipeline.set(`${other}a`, 'x');
    await pipeline.exec();
    try {
      expect(await deleteKeysWithPrefix(redis, prefix)).toBe(1200);
      expect(await redis.exists(`${prefix}0`)).toBe(0);
      expect(await redis.get(`${other}a`)).toBe('x');
    } finally {
      await redis.del(`${other}a`);
    }
  });

  it('treats glob characters in the prefix literally', async () => {
    const base = uniquePrefix('glob');
    await redis.set(`${base}[x]*:1`, '1');
    await redis.set(`${base}x:1`, '1');
    try {
      expect(await deleteKeysWithPrefix(redis, `${base}[x]*`)).toBe(1);
      expect(await redis.exists(`${base}x:1`)).toBe(1);
    } finally {
      await deleteKeysWithPrefix(redis, base);
    }
  });

  it('returns 0 when nothing matches and refuses an empty prefix', async () => {
    expect(await deleteKeysWithPrefix(redis, uniquePrefix('none'))).toBe(0);
    await expect(deleteKeysWithPrefix(redis, '')).rejects.toThrow('non-empty prefix');
  });
});
