import { connectTestRedis, deleteKeysWithPrefix, refusedPort, uniquePrefix } from '@neo/testing';
import Redis from 'ioredis';
import { RedisCoordinator } from './redis-coordinator';

describe('RedisCoordinator on real Redis', () => {
  let redis: Redis;
  const prefix = uniquePrefix('lease');

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('grants each slot to exactly one replica', async () => {
    const replicas = ['a', 'b', 'c'].map((name) => new RedisCoordinator(redis, prefix, name));
    const wins = await Promise.all(replicas.map((replica) => replica.claim('check:42', 5000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await redis.pttl(`${prefix}synthetic:lease:check:42`)).toBeGreaterThan(0);
    expect(await replicas[0]?.claim('check:43', 5000)).toBe(true);
  });

  it('claims nothing without Redis, so a cut-off replica stops running checks', async () => {
    const port = await refusedPort();
    const lost = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      disableClientInfo: true,
      retryStrategy: () => null,
    });
    lost.on('error', () => undefined);
    await lost.connect().catch(() => undefined);
    expect(await new RedisCoordinator(lost, prefix, 'x').claim('check:1', 5000)).toBe(false);
    lost.disconnect();
  });
});
