import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getFreePort, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { startWriteReceiver, type LoopbackWriteReceiver } from './loopback-write-receiver';

const REPO_ROOT = resolve(__dirname, '../../../..');
const T0 = Date.now() - 60_000;

interface Collector {
  readonly child: ChildProcess;
  readonly base: string;
  /** stdout and stderr so far (pino JSON lines and Nest's start-up errors). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The collector's own main.ts in a child process, as `node dist/apps/collector/main.js` runs it. */
async function startCollector(dir: string, env: Record<string, string> = {}): Promise<Collector> {
  const port = await getFreePort();
  let output = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/collector/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.typecheck.json'),
      NEO_COLLECTOR_CONFIG: join(dir, 'collector.yaml'),
      NEO_DATA_DIR: join(dir, 'data'),
      NEO_COLLECTOR_PORT: String(port),
      NEO_COLLECTOR_HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: uniquePrefix('collector-process'),
      NEO_TRACING_ENABLED: 'false',
      NEO_SHUTDOWN_DRAIN_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function untilLive(collector: Collector): Promise<void> {
  const live = waitFor(
    async () => (await fetch(`${collector.base}/health/live`).catch(() => undefined))?.ok === true,
    { description: 'the collector child live', timeoutMs: 60_000, intervalMs: 200 },
  );
  const outcome = await Promise.race([live, collector.exited.then(() => 'exited' as const)]);
  if (outcome === 'exited') throw new Error(`collector exited during start-up:\n${collector.output()}`);
}

describe('the collector process', () => {
  let dir: string;
  let receiver: LoopbackWriteReceiver;
  const running: Collector[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collector-process-'));
    receiver = await startWriteReceiver();
    // Batches are never cut by time before shutdown: only the flush can deliver them.
    writeFileSync(
      join(dir, 'collector.yaml'),
      `scrape_configs: []
remote_write:
  - url: ${receiver.url}
    name: sink
    queue_config: { batch_send_deadline: 1h, max_samples_per_send: 1000 }
`,
    );
  });
  afterAll(async () => {
    for (const c of running) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env?: Record<string, string>) => {
    const collector = await startCollector(dir, env);
    running.push(collector);
    return collector;
  };

  it('on SIGTERM, delivers samples pushed just before to the remote write endpoint, then exits 0', async () => {
    const collector = await start();
    await untilLive(collector);
    const push = await fetch(`${collector.base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'sigterm' } }] },
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'sigterm_probe',
                    gauge: { dataPoints: [{ timeUnixNano: `${T0}000000`, asDouble: 42 }] },
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(push.status).toBe(200);
    expect(receiver.samples).toHaveLength(0);

    collector.child.kill('SIGTERM');
    expect(await collector.exited).toEqual({ code: 0, signal: null });
    expect(receiver.samples).toEqual([
      { labels: { __name__: 'sigterm_probe', job: 'sigterm' }, t: T0, v: 42 },
    ]);
    expect(collector.output()).toContain('remote write queue flushed');
  }, 120_000);

  it('refuses a second collector on the same data directory, and takes over after a kill -9', async () => {
    const first = await start();
    await untilLive(first);

    const second = await start();
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toContain(
      `data directory ${join(dir, 'data')} is in use by process ${first.child.pid}`,
    );

    first.child.kill('SIGKILL');
    await first.exited;
    const third = await start();
    await untilLive(third);
    expect(third.output()).toMatch(/data directory lock left by a process that is gone was taken over/);
    expect(third.output()).toContain(`"previousPid":${first.child.pid}`);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  }, 180_000);
});
