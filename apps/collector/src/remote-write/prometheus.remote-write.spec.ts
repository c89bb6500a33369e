import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { STALE_NAN } from '@neo/tsdb';
import { startIngestApp, type IngestTestApp } from '../ingest/ingest-test-app';
import { encodeRemoteWriteBody, REMOTE_WRITE_HEADERS } from './write-request-encoder';

const SCRIPT = join(__dirname, '../../../../tools/prometheus/start.sh');

interface PromVector {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

describe('remote write out to a real Prometheus 2.42', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neo-rw-prom-'));
  let promUrl: string;
  let neo: IngestTestApp;

  beforeAll(async () => {
    const port = await getFreePort();
    try {
      execFileSync(SCRIPT, [String(port), dir], { stdio: 'pipe', timeout: 240_000 });
    } catch (error) {
      throw new Error(
        `Prometheus could not be started by tools/prometheus/start.sh: ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
      );
    }
    promUrl = `http://127.0.0.1:${port}`;
    neo = await startIngestApp(
      { REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: uniquePrefix('rw-prom') },
      `remote_write:
  - url: ${promUrl}/api/v1/write
    name: prometheus
    queue_config: { batch_send_deadline: 100ms, max_samples_per_send: 500 }
`,
    );
  }, 300_000);

  afterAll(async () => {
    await neo?.close();
    execFileSync(SCRIPT, ['stop', dir]);
  });

  const promQuery = async (query: string, timeSec: number) => {
    const params = new URLSearchParams({ query, time: String(timeSec) });
    const body = (await (await fetch(`${promUrl}/api/v1/query?${params.toString()}`)).json()) as PromVector;
    return body.data.result;
  };

  it('forwards remote_write and OTLP pushes to Prometheus, stale markers included', async () => {
    const now = Date.now() - 10_000;
    const write = await fetch(`${neo.base}/api/v1/write`, {
      method: 'POST',
      headers: REMOTE_WRITE_HEADERS,
      body: encodeRemoteWriteBody([
        { labels: { __name__: 'neo_rw_e2e', job: 'e2e' }, timestamps: [now, now + 1000], values: [1, 2.5] },
        {
          labels: { job: 'e2e', __name__: 'neo_rw_stale' },
          timestamps: [now, now + 1000],
          values: [7, STALE_NAN],
        },
      ]),
    });
    expect(write.status).toBe(204);
    const otlp = await fetch(`${neo.base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'orders',
                    sum: {
                      aggregationTemporality: 2,
                      isMonotonic: true,
                      dataPoints: [{ timeUnixNano: `${now}000000`, asInt: '12' }],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(otlp.status).toBe(200);

    const at = (now + 2000) / 1000;
    const written = await waitFor(async () => (await promQuery('neo_rw_e2e', at))[0], {
      description: 'neo_rw_e2e in Prometheus',
      timeoutMs: 15_000,
    });
    expect(written).toEqual({ metric: { __name__: 'neo_rw_e2e', job: 'e2e' }, value: [at, '2.5'] });
    const orders = await waitFor(async () => (await promQuery('orders_total', at))[0], {
      description: 'orders_total in Prometheus',
      timeoutMs: 15_000,
    });
    expect(orders.metric).toEqual({ __name__: 'orders_total', job: 'shop' });
    expect(orders.value[1]).toBe('12');
    // Prometheus hides a series after its staleness marker only if the bits are exact; a plain NaN would show.
    expect(await promQuery('neo_rw_stale', at)).toEqual([]);
    expect((await promQuery('neo_rw_stale', (now + 500) / 1000))[0].value[1]).toBe('7');

    const metrics = await (await fetch(`${neo.base}/metrics`)).text();
    expect(metrics).toMatch(/neo_remote_write_samples_total\{remote="prometheus",result="success"[^}]*\} 5/);
    expect(metrics).toMatch(/neo_remote_write_queue_length\{remote="prometheus"[^}]*\} 0/);
  });
});
