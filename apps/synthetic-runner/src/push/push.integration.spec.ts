import { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { startRunner, type RunnerUnderTest } from '../test-support/runner-app';

const TOKEN = 'beat-token-0123456789';

describe('push checks over real HTTP (POST /api/push/<token>)', () => {
  const prefix = uniquePrefix('synthetic-push');
  let runner: RunnerUnderTest;

  beforeAll(async () => {
    runner = await startRunner(
      [
        'checks:',
        `  - { name: beat, type: push, token: "${TOKEN}", interval: 1s, timeout: 500ms }`,
        '  - { name: silent, type: push, token: "never-called-token", interval: 1s, timeout: 500ms }',
      ].join('\n'),
      { redisUrl: TEST_REDIS_URL, prefix },
    );
  });

  afterAll(async () => {
    await runner?.close();
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  function push(token: string, method = 'POST'): Promise<Response> {
    return fetch(`${runner.base}/api/push/${encodeURIComponent(token)}`, { method });
  }

  function resultAfter(name: string, afterMs: number, success: boolean) {
    return waitFor(
      () =>
        runner.results.find(
          (e) =>
            e.payload.name === name &&
            e.payload.success === success &&
            Date.parse(e.payload.startedAt) > afterMs,
        ),
      {
        description: `a ${success ? 'passing' : 'failing'} run of ${name}`,
        timeoutMs: 10_000,
        intervalMs: 20,
      },
    );
  }

  it('a heartbeat pushed over HTTP keeps the check up; without one within the period it goes down', async () => {
    // Wait until it has been silent long enough to be down, so "up" below is caused by the push.
    await resultAfter('beat', 0, false);
    const pushedAt = Date.now();
    const res = await push(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ ok: true, check: 'beat' });

    const up = await resultAfter('beat', pushedAt, true);
    expect(up.payload).toMatchObject({ kind: 'push', target: 'push:beat', success: true });

    // No further push: a later run reports it down, naming the period and when the last push was.
    const down = await resultAfter('beat', Date.parse(up.payload.startedAt), false);
    expect(down.payload.error).toMatch(/^no push within 1s \(last push: \d+s ago\)$/);
  });

  it('a check that was never pushed is down with "last push: never"', async () => {
    const down = await resultAfter('silent', 0, false);
    expect(down.payload.error).toBe('no push within 1s (last push: never)');
  });

  it('answers an unknown or wrong token with a JSON 404 that does not echo the token', async () => {
    for (const token of ['no-such-token-at-all', TOKEN.slice(0, -1), `${TOKEN}x`, 'x']) {
      const res = await push(token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'unknown push token' });
    }
    const get = await push(TOKEN, 'GET');
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toContain('application/json');
  });
});
