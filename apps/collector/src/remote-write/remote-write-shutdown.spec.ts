import { MetricsRegistry } from '@neo/instrumentation';
import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { startIngestApp, type IngestTestApp } from '../ingest/ingest-test-app';
import { startWriteReceiver, type LoopbackWriteReceiver, type WriteAnswer } from './loopback-write-receiver';

const T0 = Date.now() - 60_000;
const SERIES = 50;

/** An OTLP/JSON push of SERIES gauge points `shutdown_probe{i}` = i at T0. */
function otlpPush() {
  const dataPoints = Array.from({ length: SERIES }, (_, i) => ({
    attributes: [{ key: 'i', value: { stringValue: String(i) } }],
    timeUnixNano: `${T0}000000`,
    asDouble: i,
  }));
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shutdown-test' } }] },
        scopeMetrics: [{ metrics: [{ name: 'shutdown_probe', gauge: { dataPoints } }] }],
      },
    ],
  };
}

describe('remote write out at shutdown', () => {
  let receiver: LoopbackWriteReceiver;
  let neo: IngestTestApp | undefined;

  afterEach(async () => {
    await neo?.close().catch(() => undefined);
    neo = undefined;
    await receiver.close();
  });

  /** The collector with one endpoint whose batches are never cut before shutdown (1 h deadline). */
  const start = async (answers: WriteAnswer[], drainMs: number) => {
    receiver = await startWriteReceiver(answers);
    neo = await startIngestApp(
      {
        REDIS_URL: TEST_REDIS_URL,
        NEO_CHANNEL_PREFIX: uniquePrefix('rw-shutdown'),
        NEO_SHUTDOWN_DRAIN_MS: String(drainMs),
      },
      `remote_write:
  - url: ${receiver.url}
    name: sink
    queue_config: { batch_send_deadline: 1h, max_samples_per_send: 20, min_backoff: 10ms }
`,
    );
    const push = await fetch(`${neo.base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(otlpPush()),
    });
    expect(push.status).toBe(200);
    return neo;
  };

  const metric = async (app: IngestTestApp, name: string, labels: string) => {
    const text = await app.app.get(MetricsRegistry).registry.metrics();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  };

  it('delivers what was queued just before close (two full batches and a partial one)', async () => {
    const app = await start([], 10_000);
    // 50 samples: two batches of 20 are cut at once, the last 10 wait for a deadline an hour away.
    await app.close();

    expect(receiver.samples).toHaveLength(SERIES);
    const values = receiver.samples.map((s) => s.v).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: SERIES }, (_, i) => i));
    expect(receiver.samples[0].labels).toMatchObject({ __name__: 'shutdown_probe', job: 'shutdown-test' });
    expect(receiver.samples.every((s) => s.t === T0)).toBe(true);
    expect(await metric(app, 'neo_remote_write_samples_total', 'result="success"')).toBe(SERIES);
    expect(await metric(app, 'neo_remote_write_dropped_total', 'reason="shutdown"')).toBe(0);
    expect(await metric(app, 'neo_remote_write_queue_length', 'remote="sink"')).toBe(0);
  });

  it('keeps retrying a 503 during the flush until the receiver takes the samples', async () => {
    const app = await start([503, 503], 10_000);
    await app.close();

    expect(receiver.samples).toHaveLength(SERIES);
    expect(receiver.requests).toBe(2 + Math.ceil(SERIES / 20));
    expect(await metric(app, 'neo_remote_write_dropped_total', 'remote="sink"')).toBe(0);
  });

  it('gives up when the flush deadline passes and counts every undelivered sample as dropped', async () => {
    // The first request hangs: close must still finish (bounded by NEO_SHUTDOWN_DRAIN_MS), losing all 50.
    const app = await start(['hang'], 300);
    await app.close();

    expect(receiver.samples).toHaveLength(0);
    expect(await metric(app, 'neo_remote_write_dropped_total', 'reason="shutdown"')).toBe(SERIES);
    expect(await metric(app, 'neo_remote_write_queue_length', 'remote="sink"')).toBe(0);
  });
});
