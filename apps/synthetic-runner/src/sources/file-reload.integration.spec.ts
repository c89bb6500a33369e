import { writeFileSync } from 'node:fs';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  startLoopbackServer,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import type { CheckView } from '../runner/dto/check-view';
import { startRunner, type RunnerUnderTest } from '../test-support/runner-app';

describe('checks file hot reload (edit on disk, no restart)', () => {
  const prefix = uniquePrefix('synthetic-reload');
  let first: LoopbackServer;
  let second: LoopbackServer;
  let runner: RunnerUnderTest;

  beforeAll(async () => {
    first = await startLoopbackServer((_req, res) => res.writeHead(200).end('first'));
    second = await startLoopbackServer((_req, res) => res.writeHead(200).end('second'));
    runner = await startRunner(
      [
        'checks:',
        `  - { name: kept, url: "${first.url}/kept", interval: 1s, timeout: 500ms }`,
        `  - { name: removed, url: "${first.url}/removed", interval: 1s, timeout: 500ms }`,
      ].join('\n'),
      { redisUrl: TEST_REDIS_URL, prefix, env: { NEO_SYNTHETIC_RELOAD_INTERVAL_MS: '100' } },
    );
  });

  afterAll(async () => {
    await runner?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  async function checks(): Promise<CheckView[]> {
    const body = (await (await fetch(`${runner.base}/api/checks`)).json()) as { checks: CheckView[] };
    return body.checks;
  }

  it('picks up added, changed and removed checks; a broken edit keeps the last good set', async () => {
    await waitFor(() => first.requests.find((r) => r.path === '/removed'), {
      description: 'first set running',
    });
    expect((await checks()).map((c) => c.name)).toEqual(['kept', 'removed']);

    writeFileSync(
      runner.file,
      [
        'checks:',
        `  - { name: kept, url: "${second.url}/kept-moved", interval: 1s, timeout: 500ms, labels: { edited: "yes" } }`,
        `  - { name: added, url: "${second.url}/added", interval: 1s, timeout: 500ms }`,
      ].join('\n'),
    );
    const reloaded = await waitFor(
      async () => {
        const now = await checks();
        return now.map((c) => c.name).join() === 'kept,added' ? now : undefined;
      },
      { description: 'the edited file applied', timeoutMs: 10_000 },
    );
    expect(reloaded.find((c) => c.name === 'kept')).toMatchObject({
      url: `${second.url}/kept-moved`,
      labels: { edited: 'yes' },
    });
    // The changed and the added check now probe the new targets, and results say so.
    await waitFor(() => second.requests.find((r) => r.path === '/kept-moved'), {
      description: 'kept, moved',
    });
    await waitFor(() => second.requests.find((r) => r.path === '/added'), { description: 'added probed' });
    await waitFor(
      () =>
        runner.results.find((e) => e.payload.name === 'added' && e.payload.target === `${second.url}/added`),
      { description: 'a result of the added check' },
    );
    // The removed one stops: after a request to the moved check, no new request reaches /removed.
    const removedBefore = first.requests.filter((r) => r.path === '/removed').length;
    const movedCount = second.requests.filter((r) => r.path === '/kept-moved').length;
    await waitFor(() => second.requests.filter((r) => r.path === '/kept-moved').length >= movedCount + 2, {
      description: 'two more runs of the moved check',
    });
    expect(first.requests.filter((r) => r.path === '/removed').length).toBe(removedBefore);

    // A typo must not stop monitoring: the previous checks stay.
    writeFileSync(runner.file, 'checks:\n  - { name: broken, url: "not a url" }\n  - {{{\n');
    const afterTypo = second.requests.filter((r) => r.path === '/added').length;
    await waitFor(() => second.requests.filter((r) => r.path === '/added').length >= afterTypo + 2, {
      description: 'the added check still running after a broken edit',
    });
    expect((await checks()).map((c) => c.name)).toEqual(['kept', 'added']);
  });
});
