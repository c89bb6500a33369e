import { TEST_REDIS_URL, connectTestRedis, deleteKeysWithPrefix, waitFor } from '@neo/testing';
import type { NodeProcess } from './support/node-process';
import { ScenarioPeers, runAlertingScenario } from './support/scenario';
import {
  allReady,
  startAllInOne,
  startSeparateProcesses,
  writeStackConfig,
  type StackFiles,
} from './support/stack';

function logsOf(processes: NodeProcess[]): string {
  return processes.map((p) => `----- ${p.name} -----\n${p.logs().slice(-4000)}`).join('\n');
}

async function withDiagnostics<T>(processes: NodeProcess[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    (error as Error).message += `\n\nservice output:\n${logsOf(processes)}`;
    throw error;
  }
}

describe('NEO end to end', () => {
  let peers: ScenarioPeers;
  let files: StackFiles;
  let processes: NodeProcess[] = [];

  beforeEach(async () => {
    peers = await ScenarioPeers.start();
    files = await writeStackConfig({
      targetUrl: peers.target.url,
      failingCheckUrl: peers.failingEndpoint.url,
      webhookUrl: peers.webhook.url,
    });
  });

  afterEach(async () => {
    await Promise.all(processes.filter((p) => p.running).map((p) => p.stop()));
    processes = [];
    await peers.stop();
  });

  it('four services as separate processes on real Redis: scrape, check, alert, notify, resolve, shut down', async () => {
    processes = startSeparateProcesses(files, TEST_REDIS_URL);
    await withDiagnostics(processes, async () => {
      await waitFor(() => allReady(files.ports), { timeoutMs: 60_000, description: 'four services ready' });
      const redis = await connectTestRedis();
      try {
        await runAlertingScenario(files.ports, peers, 'redis', {
          // Alert state lives in Redis under the stack's prefix, so another replica could take over.
          whileFiring: async () => {
            const keys = await redis.keys(`${files.prefix}*`);
            const alertKeys = keys.filter((key) => key.includes('alerts'));
            expect(alertKeys).not.toHaveLength(0);
            const stored = JSON.stringify(await Promise.all(alertKeys.map((key) => redis.hgetall(key))));
            expect(stored).toContain('StoryQueueBacklog');
            expect(stored).toContain('firing');
          },
        });
      } finally {
        await deleteKeysWithPrefix(redis, files.prefix);
        await redis.quit();
      }

      // SIGTERM: each service drains and exits 0.
      const exits = await Promise.all(processes.map((p) => p.stop()));
      expect(exits).toEqual(processes.map(() => ({ code: 0, signal: null })));
    });
  });

  it('all four in one process on the in-process bus', async () => {
    const single = startAllInOne(files);
    processes = [single];
    await withDiagnostics(processes, async () => {
      await waitFor(() => allReady(files.ports), { timeoutMs: 60_000, description: 'all-in-one ready' });
      expect(single.logs()).toMatch(/in-process event bus/);
      await runAlertingScenario(files.ports, peers, 'in-process');
      expect(await single.stop()).toEqual({ code: 0, signal: null });
    });
  });
});
