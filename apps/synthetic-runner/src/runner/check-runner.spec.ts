import type { CheckResultV1 } from '@neo/contracts';
import { startLoopbackServer, waitFor, type LoopbackServer, type WaitForOptions } from '@neo/testing';
import { checkDefinitionSchema, type Check } from '@neo/domain-check';
import { NetworkPolicy } from '../probes/network-policy';
import { Prober } from '../probes/prober';
import { MemoryPushStore } from '../push/push-store';
import { LocalCoordinator, type Coordinator } from '../scheduling/coordinator';
import { CheckRunner, type SkipReason } from './check-runner';

/** Deadlines here only bound a hang (10 s, polled every 20 ms); they are not what a test asserts. */
function within(description: string): WaitForOptions {
  return { description, timeoutMs: 10_000, intervalMs: 20 };
}

function check(name: string, raw: Record<string, unknown>): Check {
  return checkDefinitionSchema.parse({ name, interval: '300ms', timeout: '250ms', ...raw });
}

describe('CheckRunner on loopback', () => {
  let server: LoopbackServer;
  let status = 200;
  let delayMs = 0;
  let runner: CheckRunner | undefined;
  let results: CheckResultV1[];
  let lateness: number[];
  let skips: SkipReason[];

  beforeAll(async () => {
    server = await startLoopbackServer((_req, res) => setTimeout(() => res.writeHead(status).end(), delayMs));
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    status = 200;
    delayMs = 0;
    results = [];
    lateness = [];
    skips = [];
  });
  afterEach(async () => {
    await runner?.stop(0);
    runner = undefined;
  });

  function run(
    checks: Check[],
    options: { coordinator?: Coordinator; paused?: Set<string> } = {},
  ): CheckRunner {
    runner = new CheckRunner(
      {
        probe: new Prober(new NetworkPolicy([]), new MemoryPushStore()),
        coordinator: options.coordinator ?? new LocalCoordinator(),
        initialSpreadMs: 0,
        onResult: (result) => void results.push(result),
        onLateness: (_c, ms) => void lateness.push(ms),
        onSkip: (_c, reason) => void skips.push(reason),
        isPaused: (name) => options.paused?.has(name) ?? false,
      },
      checks,
    );
    runner.start();
    return runner;
  }

  it('runs each check on its slots, measuring lateness and keeping the latest result', async () => {
    const active = run([check('ok', { url: server.url })]);
    await waitFor(() => results.length >= 3 || undefined, within('three runs'));
    expect(results[0]).toMatchObject({
      name: 'ok',
      kind: 'http',
      success: true,
      state: 'up',
      attempts: 1,
      intervalSeconds: 0.3,
    });
    expect(results.slice(1).every((r) => typeof r.latenessSeconds === 'number')).toBe(true);
    expect(lateness.length).toBeGreaterThanOrEqual(2);
    expect(active.latest('ok')).toBe(results.at(-1));
  });

  it('retries with backoff before declaring a check down', async () => {
    status = 503;
    run([
      check('flaky', {
        url: server.url,
        retries: 2,
        retry_backoff: '10ms',
        interval: '2s',
        timeout: '500ms',
      }),
    ]);
    const result = await waitFor(() => results[0], within('a result'));
    expect(result).toMatchObject({
      success: false,
      state: 'down',
      attempts: 3,
      error: 'expected status 2xx, got 503',
    });
  });

  it('marks a slow pass degraded', async () => {
    delayMs = 60;
    run([check('slow', { url: server.url, degraded_after: '20ms' })]);
    expect(await waitFor(() => results[0], within('a result'))).toMatchObject({
      success: true,
      state: 'degraded',
    });
  });

  it('mutes a check in maintenance, pauses one in a pause window, and skips paused checks', async () => {
    const now = Date.now();
    const window = (mode: string) => [
      { start: new Date(now - 60_000).toISOString(), end: new Date(now + 60_000).toISOString(), mode },
    ];
    run(
      [
        check('muted', { url: server.url, maintenance: window('mute') }),
        check('held', { url: server.url, maintenance: window('pause') }),
        check('stopped', { url: server.url }),
      ],
      { paused: new Set(['stopped']) },
    );
    const muted = await waitFor(() => results.find((r) => r.name === 'muted'), within('a muted result'));
    expect(muted.state).toBe('maintenance');
    await waitFor(
      () => (skips.includes('maintenance') && skips.includes('paused')) || undefined,
      within('skips'),
    );
    expect(results.filter((r) => r.name !== 'muted')).toEqual([]);
  });

  it('runs only the slots it wins', async () => {
    const never: Coordinator = { mode: 'redis', claim: async () => false };
    run([check('elsewhere', { url: server.url })], { coordinator: never });
    await waitFor(
      () => skips.filter((s) => s === 'not-claimed').length >= 2 || undefined,
      within('lost claims'),
    );
    expect(results).toEqual([]);
  });

  it('picks up changed, added and removed checks', async () => {
    const active = run([check('a', { url: server.url })]);
    await waitFor(() => results.find((r) => r.name === 'a'), within('a result of a'));
    active.setChecks([check('b', { url: `${server.url}/b`, conditions: ['[STATUS] == 201'] })]);
    const b = await waitFor(() => results.find((r) => r.name === 'b'), within('a result of b'));
    expect(b.failedConditions).toEqual([{ condition: '[STATUS] == 201', actual: '200' }]);
    expect(active.checks().map((c) => c.name)).toEqual(['b']);
  });

  it('runs a check on request once per request id', async () => {
    const active = run([check('manual', { url: server.url, interval: '1h', timeout: '1s' })]);
    await waitFor(() => results[0], within('the catch-up run'));
    expect(await active.runNow('manual', 'r1')).toBe(true);
    expect(results).toHaveLength(2);
    expect(await active.runNow('unknown', 'r2')).toBe(false);
  });

  it('lets an in-flight run finish within the shutdown grace period, and drops an aborted one', async () => {
    delayMs = 150;
    const first = server.requests.length;
    const active = run([check('draining', { url: server.url, interval: '1h', timeout: '1s' })]);
    await waitFor(() => server.requests.length > first || undefined, within('the request'));
    await active.stop(5000);
    expect(results.map((r) => r.name)).toEqual(['draining']);
    runner = undefined;
    results = [];
    delayMs = 5000;
    const second = run([check('hung', { url: server.url, interval: '1h', timeout: '9s' })]);
    const before = server.requests.length;
    await waitFor(() => server.requests.length > before || undefined, within('the request'));
    await second.stop(0);
    expect(results).toEqual([]);
  });
});
