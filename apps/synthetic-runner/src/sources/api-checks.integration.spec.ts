import { inProcessCheckState } from '@neo/domain-check';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  startLoopbackServer,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import type Redis from 'ioredis';
import type { CheckView } from '../runner/dto/check-view';
import { startRunner, type RunnerUnderTest } from '../test-support/runner-app';

/** A stored check as dashboard-api writes it (`StoredCheckV1`). */
function stored(name: string, definition: Record<string, unknown>): string {
  const at = new Date().toISOString();
  return JSON.stringify({ name, definition, createdAt: at, updatedAt: at });
}

/** The same story whatever holds the checks: run a good one, skip a bad one, honour a pause, drop a deleted one. */
async function apiChecksLifecycle(
  runner: RunnerUnderTest,
  target: LoopbackServer,
  store: {
    put(name: string, json: string): Promise<void>;
    pause(name: string): Promise<void>;
    remove(name: string): Promise<void>;
    catalog(): Promise<string[]>;
  },
): Promise<void> {
  async function views(): Promise<CheckView[]> {
    return ((await (await fetch(`${runner.base}/api/checks`)).json()) as { checks: CheckView[] }).checks;
  }
  const count = (path: string) => target.requests.filter((r) => r.path === path).length;

  await store.put(
    'api-good',
    stored('api-good', { type: 'http', url: `${target.url}/good`, interval: '1s', timeout: '500ms' }),
  );
  // Stored behind the API's back (an older API version, a hand edit): the runner must skip it, not crash.
  await store.put(
    'api-bad',
    stored('api-bad', { type: 'http', url: `${target.url}/bad`, conditions: ['[STATUS] = 1'] }),
  );

  await target.waitForRequest((r) => r.path === '/good', 10_000);
  const listed = await views();
  expect(listed.map((c) => [c.name, c.source])).toEqual([['api-good', 'api']]);
  await waitFor(async () => (await store.catalog()).includes('api-good'), {
    description: 'catalog published',
  });

  await store.pause('api-good');
  await waitFor(async () => (await views()).find((c) => c.name === 'api-good')?.paused, {
    description: 'the pause applied',
  });
  await store.remove('api-good');
  await waitFor(async () => (await views()).length === 0, { description: 'the deleted check gone' });
  const after = count('/good');
  // Another check proves time passed with the runner working, without the removed one running.
  await store.put(
    'api-other',
    stored('api-other', { url: `${target.url}/other`, interval: '1s', timeout: '500ms' }),
  );
  await waitFor(() => count('/other') >= 2, { description: 'two runs of another check' });
  expect(count('/good')).toBe(after);
  expect(count('/bad')).toBe(0);
}

describe('API-made checks picked up by the runner', () => {
  let target: LoopbackServer;

  beforeEach(async () => {
    target = await startLoopbackServer((_req, res) => res.writeHead(200).end('ok'));
  });

  afterEach(async () => {
    await target.stop();
  });

  it('from Redis, as dashboard-api stores them', async () => {
    const prefix = uniquePrefix('synthetic-api');
    const redis: Redis = await connectTestRedis();
    const runner = await startRunner('checks: []\n', {
      redisUrl: TEST_REDIS_URL,
      prefix,
      env: { NEO_SYNTHETIC_RELOAD_INTERVAL_MS: '100' },
    });
    try {
      await apiChecksLifecycle(runner, target, {
        put: async (name, json) => void (await redis.hset(`${prefix}synthetic:checks`, name, json)),
        pause: async (name) => void (await redis.sadd(`${prefix}synthetic:paused`, name)),
        remove: async (name) => void (await redis.hdel(`${prefix}synthetic:checks`, name)),
        catalog: () => redis.hkeys(`${prefix}synthetic:catalog`),
      });
    } finally {
      await runner.close();
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('from process memory in all-in-one without Redis (what dashboard-api writes there)', async () => {
    process.env['NEO_ALL_IN_ONE'] = '1';
    const state = inProcessCheckState();
    const runner = await startRunner('checks: []\n', {
      redisUrl: '',
      prefix: uniquePrefix('synthetic-mem'),
      env: { NEO_SYNTHETIC_RELOAD_INTERVAL_MS: '100' },
    });
    try {
      await apiChecksLifecycle(runner, target, {
        put: async (name, json) => void state.checks.set(name, json),
        pause: async (name) => void state.paused.add(name),
        remove: async (name) => void state.checks.delete(name),
        catalog: async () => [...state.catalog.keys()],
      });
    } finally {
      await runner.close();
      delete process.env['NEO_ALL_IN_ONE'];
    }
  });
});
