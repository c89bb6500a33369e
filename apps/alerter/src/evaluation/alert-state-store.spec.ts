import type Redis from 'ioredis';
import type { ActiveAlert } from '@neo/domain-alert';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@neo/testing';
import { InMemoryAlertStateStore, type AlertStateStore } from './alert-state-store';
import { RedisAlertStateStore } from './redis-alert-state-store';

const alert = (fingerprint: string, value: number): ActiveAlert => ({
  fingerprint,
  labels: { alertname: 'A', instance: fingerprint },
  annotations: { summary: 's' },
  state: 'firing',
  activeAtMs: 1000,
  firedAtMs: 2000,
  lastSeenMs: 3000,
  value,
});

describe.each([
  [
    'memory',
    async () => ({ store: new InMemoryAlertStateStore() as AlertStateStore, done: async () => undefined }),
  ],
  [
    'redis',
    async () => {
      const redis: Redis = await connectTestRedis();
      const prefix = uniquePrefix('alert-store');
      return {
        store: new RedisAlertStateStore(redis, prefix) as AlertStateStore,
        redis,
        prefix,
        done: async () => {
          await deleteKeysWithPrefix(redis, prefix);
          await redis.quit();
        },
      };
    },
  ],
])('%s AlertStateStore', (_name, open) => {
  it('replaces and reloads a rule’s alerts, including non-finite values', async () => {
    const { store, done } = await open();
    try {
      expect(await store.load('g', 'r')).toEqual([]);
      await store.save('g', 'r', [alert('a', 0), alert('b', Infinity), alert('c', NaN)]);
      await store.save('g', 'other', [alert('x', 1)]);
      const loaded = await store.load('g', 'r');
      expect(loaded.map((a) => a.fingerprint).sort()).toEqual(['a', 'b', 'c']);
      expect(loaded.find((a) => a.fingerprint === 'a')).toEqual(alert('a', 0));
      expect(loaded.find((a) => a.fingerprint === 'b')?.value).toBe(Infinity);
      expect(loaded.find((a) => a.fingerprint === 'c')?.value).toBeNaN();
      await store.save('g', 'r', [alert('b', 2)]);
      expect((await store.load('g', 'r')).map((a) => [a.fingerprint, a.value])).toEqual([['b', 2]]);
      await store.save('g', 'r', []);
      expect(await store.load('g', 'r')).toEqual([]);
      expect(await store.load('g', 'other')).toHaveLength(1);
    } finally {
      await done();
    }
  });
});

describe('RedisAlertStateStore layout', () => {
  it('keeps one hash per rule under <prefix>alerts:<group>:<rule>, fingerprint → JSON, skipping corrupt entries', async () => {
    const redis = await connectTestRedis();
    const prefix = uniquePrefix('alert-store');
    try {
      const store = new RedisAlertStateStore(redis, prefix);
      await store.save('neo', 'TargetDown', [alert('f1', 0)]);
      const raw = await redis.hgetall(`${prefix}alerts:neo:TargetDown`);
      expect(Object.keys(raw)).toEqual(['f1']);
      expect(JSON.parse(raw['f1'])).toMatchObject({ state: 'firing', activeAtMs: 1000 });
      await redis.hset(`${prefix}alerts:neo:TargetDown`, 'broken', '{not json');
      expect((await store.load('neo', 'TargetDown')).map((a) => a.fingerprint)).toEqual(['f1']);
    } finally {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });
});
