import type { ServerResponse } from 'node:http';
import { MetricsRegistry } from '@neo/instrumentation';
import { startLoopbackServer, waitFor, type LoopbackServer, type RecordedRequest } from '@neo/testing';
import { RemoteEndpoint } from './remote-endpoint';
import { RemoteWriteMetrics } from './remote-write-metrics';
import { remoteWriteSchema } from './remote-write.schema';

type Answer = (res: ServerResponse, request: RecordedRequest) => void;

describe('RemoteEndpoint against a loopback receiver', () => {
  let server: LoopbackServer;
  let answers: Answer[];
  let registry: MetricsRegistry;
  let endpoint: RemoteEndpoint | undefined;

  beforeEach(async () => {
    answers = [];
    server = await startLoopbackServer((request, res) =>
      (answers.shift() ?? ((r) => r.writeHead(204).end()))(res, request),
    );
    registry = new MetricsRegistry({ serviceName: 'test', collectProcessMetrics: false });
  });
  afterEach(async () => {
    await endpoint?.stop();
    await server.stop();
  });

  const start = (queue: Record<string, unknown> = {}) => {
    const config = remoteWriteSchema.parse({
      url: `${server.url}/api/v1/write`,
      name: 'loop',
      bearer_token: 'secret',
      headers: { 'X-Scope-OrgID': 'tenant-1' },
      queue_config: { max_samples_per_send: 2, batch_send_deadline: '20ms', min_backoff: '5ms', ...queue },
    });
    endpoint = new RemoteEndpoint(config, new RemoteWriteMetrics(registry));
    endpoint.start();
    return endpoint;
  };
  const metric = async (name: string, labels: string) => {
    const text = await registry.registry.metrics();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };
  const enqueue = (e: RemoteEndpoint, n: number) => {
    for (let t = 1; t <= n; t++) e.enqueue(1, { __name__: 'm', job: 'j' }, t * 1000, t);
  };

  it('sends the three remote_write headers, auth and extra headers; retries a 500 until 204', async () => {
    answers.push(
      (res) => res.writeHead(500).end('boom'),
      (res) => res.writeHead(503).end(),
    );
    enqueue(start(), 2);
    await waitFor(async () => (await metric('neo_remote_write_samples_total', 'result="success"')) === 2, {
      description: 'the batch delivered after two retries',
    });
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2].headers).toMatchObject({
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
      authorization: 'Bearer secret',
      'x-scope-orgid': 'tenant-1',
    });
    expect(await metric('neo_remote_write_failures_total', 'remote="loop"')).toBe(2);
    expect(await metric('neo_remote_write_samples_total', 'result="retried"')).toBe(4);
    expect(await metric('neo_remote_write_lag_seconds', 'remote="loop"')).toBe(0);
  });

  it('drops a batch answered 400 without retrying, then carries on', async () => {
    answers.push((res) => res.writeHead(400).end('out of order sample'));
    const e = start();
    enqueue(e, 2);
    await waitFor(async () => (await metric('neo_remote_write_dropped_total', 'reason="rejected"')) === 2, {
      description: 'the rejected batch counted',
    });
    e.enqueue(1, { __name__: 'm' }, 9000, 9);
    await waitFor(async () => (await metric('neo_remote_write_samples_total', 'result="success"')) === 1, {
      description: 'the next batch (deadline-cut, 1 sample) sent',
    });
    expect(server.requests).toHaveLength(2);
    expect(await metric('neo_remote_write_samples_total', 'result="failed"')).toBe(2);
  });

  it('honours Retry-After on 429', async () => {
    answers.push((res) => res.writeHead(429, { 'Retry-After': '1' }).end());
    enqueue(start({ min_backoff: '1ms', max_backoff: '2ms' }), 2);
    await server.waitForRequest(() => server.requests.length === 2, 5000);
    // A lower bound only: the retry cannot come before the server's Retry-After (backoff alone is 1 ms).
    expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('gives up after max_retries and counts the loss; a full queue drops the oldest', async () => {
    for (let i = 0; i < 3; i++) answers.push((res) => res.writeHead(502).end());
    const e = start({ max_retries: 2, capacity: 3, max_samples_per_send: 10, batch_send_deadline: '50ms' });
    enqueue(e, 5);
    expect(await metric('neo_remote_write_dropped_total', 'reason="queue_full"')).toBe(2);
    await waitFor(
      async () => (await metric('neo_remote_write_dropped_total', 'reason="retries_exhausted"')) === 3,
      {
        description: 'the batch dropped after 1 + 2 attempts',
      },
    );
    expect(server.requests).toHaveLength(3);
  });
});
