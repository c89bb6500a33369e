import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Envelope } from '@neo/contracts';
import {
  answers200,
  connectTestRedis,
  deleteKeysWithPrefix,
  getFreePort,
  startLoopbackServer,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { phaseOf, slotAt } from './slot-clock';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/synthetic-runner/main.js');
const INTERVAL_MS = 1000;
const CHECKS = ['a', 'b', 'c', 'd', 'e', 'f'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The test exercises the real build; rebuild only when the sources are newer than it.
function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newestMtime(join(ROOT, 'apps/synthetic-runner/src'))) {
    execFileSync('npx', ['nx', 'build', 'synthetic-runner'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
  }
}

describe('three synthetic-runner processes sharing checks through Redis', () => {
  const prefix = uniquePrefix('three-runners');
  const results: Envelope<'neo.check.result.v1'>['payload'][] = [];
  const children: ChildProcess[] = [];
  let target: LoopbackServer;
  let listener: RedisEventBus;

  beforeAll(async () => {
    ensureBuilt();
    target = await startLoopbackServer((_req, res) => res.writeHead(200).end('ok'));
    const yaml = [
      'checks:',
      ...CHECKS.map(
        (name) => `  - { name: ${name}, url: "${target.url}/${name}", interval: 1s, timeout: 500ms }`,
      ),
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'neo-three-')), 'checks.yaml');
    writeFileSync(file, yaml.join('\n'));
    listener = new RedisEventBus(TEST_REDIS_URL, { source: 'test', channelPrefix: prefix });
    listener.subscribe('neo.check.result.v1', (envelope) => void results.push(envelope.payload));
    await listener.start();
    for (let i = 0; i < 3; i++) {
      const port = await getFreePort();
      const child = spawn(process.execPath, [MAIN], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          REDIS_URL: TEST_REDIS_URL,
          NEO_KEY_PREFIX: prefix,
          NEO_CHANNEL_PREFIX: prefix,
          NEO_SYNTHETIC_CONFIG: file,
          NEO_SYNTHETIC_PORT: String(port),
          NEO_SYNTHETIC_HOST: '127.0.0.1',
          NEO_LOG_LEVEL: 'error',
          NEO_TRACING_ENABLED: 'false',
          NEO_HEARTBEAT_INTERVAL_MS: '60000',
          NEO_SHUTDOWN_DRAIN_MS: '0',
        },
      });
      children.push(child);
      // Kept so a replica that dies at start-up explains itself in the failure.
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
      child.once('exit', (code) => {
        if (code !== null && code !== 0) console.error(`runner ${i} exited ${code}: ${stderr}`);
      });
      await waitFor(() => answers200(`http://127.0.0.1:${port}/health/ready`), {
        description: `runner ${i} ready`,
        // Generous: on a loaded 2-core CI box Nest start-up alone has taken tens of seconds.
        timeoutMs: 60_000,
        intervalMs: 200,
      });
    }
  }, 300_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await listener?.close();
    await target?.stop();
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  /**
   * The slot a run was due in. A scheduled run reports its lateness, so its slot is its start less that,
   * rounded: Node's timers can fire a millisecond before the wall-clock slot start, and a busy CI machine can
   * start a run later than the next slot's start. A catch-up run after start-up (no lateness) runs inside
   * the slot it catches up.
   */
  function slotOf(r: Envelope<'neo.check.result.v1'>['payload']): number {
    const phase = phaseOf(r.name, INTERVAL_MS);
    const started = Date.parse(r.startedAt);
    if (r.latenessSeconds === undefined) return slotAt(started, INTERVAL_MS, phase);
    return Math.round((started - r.latenessSeconds * 1000 - phase) / INTERVAL_MS);
  }

  function duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const r of results) {
      const key = `${r.name}@${slotOf(r)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} x${count}`);
  }

  it('runs every check once per interval across replicas, and moves a killed replica’s checks', async () => {
    const start = Date.now();
    await waitFor(
      () => results.filter((r) => Date.parse(r.startedAt) > start).length >= CHECKS.length * 4 || undefined,
      {
        description: 'four intervals of results',
        timeoutMs: 20_000,
        intervalMs: 100,
      },
    );
    expect(duplicates()).toEqual([]);
    const runners = new Map<string, number>();
    for (const r of results) runners.set(r.runner ?? '?', (runners.get(r.runner ?? '?') ?? 0) + 1);
    expect(runners.size).toBeGreaterThanOrEqual(2);

    // Kill the busiest replica without a chance to clean up; its pid is the last part of `runner`.
    const [busiest] = [...runners].sort((x, y) => y[1] - x[1])[0] ?? ['?'];
    const victim = children.find((child) => busiest.endsWith(`:${child.pid}`));
    expect(victim).toBeDefined();
    victim?.kill('SIGKILL');
    const killedAt = Date.now();

    // Within two intervals after the kill, every check runs on a survivor.
    const deadline = killedAt + 2 * INTERVAL_MS;
    await waitFor(
      () =>
        CHECKS.every((name) =>
          results.some(
            (r) =>
              r.name === r.name &&
              r.name === name &&
              r.runner !== busiest &&
              Date.parse(r.startedAt) >= killedAt &&
              Date.parse(r.startedAt) <= deadline + 500,
          ),
        ) || undefined,
      { description: 'every check on a survivor', timeoutMs: 15_000, intervalMs: 100 },
    );
    const afterKill = results.filter((r) => Date.parse(r.startedAt) > killedAt + 100);
    expect(afterKill.every((r) => r.runner !== busiest)).toBe(true);
    expect(duplicates()).toEqual([]);
  }, 60_000);
});
