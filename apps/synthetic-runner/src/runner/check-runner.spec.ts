import type { CheckResultV1 } from '@neo/contracts';
import {
  refusedPort,
  startLoopbackServer,
  waitFor,
  type LoopbackServer,
  type WaitForOptions,
} from '@neo/testing';
import type { HttpCheck } from '../checks/http-check';
import { CheckRunner } from './check-runner';
import { HttpProbe } from './http-probe';

/** Deadlines here only bound a hang (10 s, polled every 20 ms); they are not what a test asserts. */
function within(description: string): WaitForOptions {
  return { description, timeoutMs: 10_000, intervalMs: 20 };
}

function httpCheck(name: string, url: string, extra: Partial<HttpCheck> = {}): HttpCheck {
  return {
    name,
    url,
    method: 'GET',
    headers: {},
    intervalMs: 60_000,
    timeoutMs: 2000,
    expectedStatus: '2xx',
    labels: {},
    ...extra,
  };
}

describe('CheckRunner with HttpProbe on loopback', () => {
  const servers: LoopbackServer[] = [];
  let probe: HttpProbe;
  let runner: CheckRunner | undefined;
  let results: CheckResultV1[];

  beforeEach(() => {
    probe = new HttpProbe();
    results = [];
  });

  afterEach(async () => {
    await runner?.stop(0);
    runner = undefined;
    await probe.close();
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  function run(checks: HttpCheck[]): CheckRunner {
    runner = new CheckRunner({
      checks,
      probe,
      initialSpreadMs: 0,
      onResult: (result) => void results.push(result),
    });
    runner.start();
    return runner;
  }

  async function server(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
    const started = await startLoopbackServer(handler);
    servers.push(started);
    return started;
  }

  it('sends the configured method, headers and body', async () => {
    const target = await server((_req, res) => res.writeHead(201).end('created'));
    run([
      httpCheck('post', `${target.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: '{"user":"probe"}',
        expectedStatus: [201],
      }),
    ]);
    const result = await waitFor(() => results[0], within('a result'));
    expect(result).toMatchObject({ success: true, statusCode: 201, target: `${target.url}/login` });
    expect(target.requests[0]).toMatchObject({ method: 'POST', path: '/login', body: '{"user":"probe"}' });
    expect(target.requests[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'user-agent': 'neo-synthetic-runner',
    });
  });

  it('runs again on its interval and keeps the latest result', async () => {
    let status = 200;
    const target = await server((_req, res) => res.writeHead(status).end());
    const active = run([httpCheck('flip', target.url, { intervalMs: 300, timeoutMs: 250 })]);
    await waitFor(() => results[0], within('first result'));
    status = 500;
    const failed = await waitFor(
      () => results.find((r) => r.statusCode === 500),
      within('a run answered with 500'),
    );
    expect(failed).toMatchObject({ success: false, error: 'expected status 2xx, got 500' });
    expect(active.latest('flip')).toMatchObject({ success: false, statusCode: 500 });
    expect(target.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('explains refused connections', async () => {
    const port = await refusedPort();
    run([httpCheck('refused', `http://127.0.0.1:${port}/`)]);
    const result = await waitFor(() => results[0], within('a result'));
    expect(result.success).toBe(false);
    expect(result.statusCode).toBeUndefined();
    expect(result.error).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('lets an in-flight check finish within the shutdown grace period and report it', async () => {
    let release: (() => void) | undefined;
    const target = await server((_req, res) => (release = () => res.writeHead(200).end()));
    const active = run([httpCheck('slow', target.url)]);
    await waitFor(() => target.requests[0], within('the request to arrive'));
    const stopping = active.stop(10_000);
    release?.();
    await stopping;
    expect(results.map((r) => r.success)).toEqual([true]);
  });

  it('aborts an in-flight check after the grace period without reporting it', async () => {
    const target = await server(() => undefined);
    const active = run([httpCheck('hung', target.url)]);
    await waitFor(() => target.requests[0], within('the request to arrive'));
    await active.stop(0);
    expect(results).toEqual([]);
    expect(active.latest('hung')).toBeUndefined();
  });
});
