import {
  connectTestRedis,
  deleteKeysWithPrefix,
  startLoopbackServer,
  TEST_REDIS_URL,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import type { NodeProcess } from './support/node-process';
import { startService } from './support/node-process';
import { allReady, startAllInOne, writeStackConfig, type StackFiles } from './support/stack';

interface Reply {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

async function call(port: number, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function answersReady(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/health/ready`)
    .then((res) => res.status === 200)
    .catch(() => false);
}

/**
 * What a user does with the checks API: a bad definition is refused at once with the runner's message, a good
 * one is accepted, the runner runs it (the target sees requests), and its availability fills up.
 */
async function createAndWatchRun(files: StackFiles, target: LoopbackServer): Promise<void> {
  const port = files.ports.dashboard;
  const bad = await call(port, 'POST', '/api/checks', {
    name: 'e2e-bad',
    url: `${target.url}/bad`,
    conditions: ['[STATUS] === 200'],
  });
  expect(bad.status).toBe(400);
  expect(bad.json['issues']).toEqual([
    {
      field: 'conditions.0',
      message:
        'check "e2e-bad": condition "[STATUS] === 200" does not parse at position 12: expected a value',
    },
  ]);

  const good = await call(port, 'POST', '/api/checks', {
    name: 'e2e-api-check',
    url: `${target.url}/api-made`,
    interval: '1s',
    timeout: '500ms',
    conditions: ['[STATUS] == 200'],
  });
  expect(good.status).toBe(201);

  await target.waitForRequest((r) => r.path === '/api-made', 20_000);
  expect(target.requests.some((r) => r.path === '/bad')).toBe(false);
  // The runner reports what it runs; dashboard-api shows it next to the definition.
  const listed = await waitFor(
    async () => {
      const reply = await call(port, 'GET', '/api/checks/e2e-api-check');
      return reply.json['running'] ? reply.json : undefined;
    },
    { description: 'the runner to list the API-made check', timeoutMs: 20_000 },
  );
  expect(listed).toMatchObject({ source: 'api', running: { name: 'e2e-api-check', source: 'api' } });
  const availability = await waitFor(
    async () => {
      const reply = await call(port, 'GET', '/api/checks/e2e-api-check/availability');
      const windows = reply.json['windows'] as
        | Record<string, { runs: number; availability: number }>
        | undefined;
      return reply.status === 200 && (windows?.['24h']?.runs ?? 0) > 0 ? windows : undefined;
    },
    { description: 'availability from the runner results', timeoutMs: 20_000 },
  );
  expect(availability['24h']?.availability).toBe(1);
}

describe('checks made through dashboard-api reach synthetic-runner', () => {
  let target: LoopbackServer;
  let files: StackFiles;
  let processes: NodeProcess[] = [];

  beforeEach(async () => {
    target = await startLoopbackServer((_req, res) => res.writeHead(200).end('ok'));
    files = await writeStackConfig({
      targetUrl: `${target.url}/metrics`,
      failingCheckUrl: `${target.url}/file-check`,
      webhookUrl: `${target.url}/webhook`,
    });
  });

  afterEach(async () => {
    await Promise.all(processes.filter((p) => p.running).map((p) => p.stop()));
    processes = [];
    await target.stop();
  });

  function withLogs<T>(run: () => Promise<T>): Promise<T> {
    return run().catch((error: unknown) => {
      (error as Error).message +=
        `\n\nservice output:\n${processes.map((p) => `----- ${p.name} -----\n${p.logs().slice(-4000)}`).join('\n')}`;
      throw error;
    });
  }

  it('separate processes on Redis', async () => {
    const env = { ...files.env, REDIS_URL: TEST_REDIS_URL };
    processes = [startService('synthetic-runner', env), startService('dashboard-api', env)];
    try {
      await withLogs(async () => {
        await waitFor(
          async () =>
            (await answersReady(files.ports.synthetic)) && (await answersReady(files.ports.dashboard)),
          { description: 'runner and dashboard-api ready', timeoutMs: 60_000 },
        );
        await createAndWatchRun(files, target);
      });
    } finally {
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, files.prefix);
      redis.disconnect();
    }
  });

  it('all-in-one without Redis: in-memory check store, shown in /health', async () => {
    processes = [startAllInOne(files)];
    await withLogs(async () => {
      await waitFor(() => allReady(files.ports), { description: 'all-in-one ready', timeoutMs: 90_000 });
      await createAndWatchRun(files, target);
      const health = await call(files.ports.dashboard, 'GET', '/health');
      expect((health.json['details'] as Record<string, unknown>)['check-state']).toMatchObject({
        store: 'memory',
        shared: false,
        persisted: false,
      });
    });
  });
});
