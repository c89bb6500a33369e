import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TEST_REDIS_URL,
  answers200,
  connectTestRedis,
  getFreePort,
  getJson,
  uniquePrefix,
  waitFor,
} from '@neo/testing';
import { startService, type NodeProcess } from './support/node-process';

describe('bad input never takes a service down silently', () => {
  let running: NodeProcess | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('a malformed config file stops the process with exit 1, naming the file, line and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neo-bad-config-'));
    const file = join(dir, 'collector.yaml');
    writeFileSync(file, 'scrape_configs:\n  - job_name: api\n    scrape_interval: banana\n');
    running = startService('collector', {
      NEO_COLLECTOR_CONFIG: file,
      NEO_COLLECTOR_PORT: String(await getFreePort()),
      REDIS_URL: TEST_REDIS_URL,
    });
    const exit = await running.exited;
    expect(exit.code).toBe(1);
    expect(running.logs()).toContain(`${file}:3:`);
    expect(running.logs()).toContain('scrape_configs.0.scrape_interval');
  });

  it('a service run alone without REDIS_URL refuses to start and says why', async () => {
    running = startService('dashboard-api', { NEO_DASHBOARD_PORT: String(await getFreePort()) });
    const exit = await running.exited;
    expect(exit.code).toBe(1);
    expect(running.logs()).toMatch(/REDIS_URL is required/);
  });

  it('a malformed message on a Redis channel is logged with its reason and dropped; the service keeps serving', async () => {
    const prefix = uniquePrefix('bad-message');
    const port = await getFreePort();
    running = startService('dashboard-api', {
      NEO_DASHBOARD_PORT: String(port),
      NEO_DASHBOARD_HOST: '127.0.0.1',
      NEO_CHANNEL_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(() => answers200(`${base}/health/ready`), {
      timeoutMs: 30_000,
      description: 'dashboard-api ready',
    });

    const redis = await connectTestRedis();
    try {
      await redis.publish(`${prefix}neo.check.result.v1`, '{"this is": not json');
      await redis.publish(
        `${prefix}neo.check.result.v1`,
        JSON.stringify({ id: '1', channel: 'neo.check.result.v1' }),
      );
      await waitFor(() => (running?.logs().match(/dropped malformed event/g)?.length ?? 0) >= 2, {
        timeoutMs: 10_000,
        description: 'two drop log lines',
      });
      expect(running.logs()).toMatch(/not JSON/);
      expect(running.logs()).toMatch(/bad envelope/);

      // A well-formed event right after is still processed.
      const envelope = {
        id: 'e2e-1',
        channel: 'neo.check.result.v1',
        time: new Date().toISOString(),
        source: 'e2e',
        payload: {
          checkId: 'after-garbage',
          name: 'after-garbage',
          kind: 'http',
          target: 'http://127.0.0.1:1/',
          success: true,
          durationSeconds: 0.01,
          startedAt: new Date().toISOString(),
        },
      };
      await redis.publish(`${prefix}neo.check.result.v1`, JSON.stringify(envelope));
      await waitFor(
        async () => {
          const overview = await getJson<{ checks: Array<{ name: string }> }>(`${base}/api/overview`);
          return overview.checks.some((c) => c.name === 'after-garbage');
        },
        { timeoutMs: 10_000, description: 'valid event processed after garbage' },
      );
      expect(await answers200(`${base}/health/ready`)).toBe(true);
    } finally {
      await redis.quit();
    }
  });
});
