import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_REDIS_URL, answers200, getFreePort, getJson, uniquePrefix, waitFor } from '@neo/testing';
import { startService, type NodeProcess } from './support/node-process';

/** An OTLP/JSON gauge export with `points` data points, each on its own series. */
function otlpGauge(points: number): string {
  const now = `${Date.now()}000000`;
  const dataPoints = Array.from({ length: points }, (_, i) => ({
    attributes: [{ key: 'story', value: { stringValue: `story-${i}-${'x'.repeat(40)}` } }],
    timeUnixNano: now,
    asDouble: i,
  }));
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'novel-engine' } }] },
        scopeMetrics: [{ metrics: [{ name: 'story.words', gauge: { dataPoints } }] }],
      },
    ],
  });
}

describe('the collector process takes pushed data of realistic size', () => {
  let collector: NodeProcess | undefined;

  afterEach(async () => {
    await collector?.stop();
  });

  it('accepts an OTLP/JSON export larger than Express’ 100 kB default and answers PromQL over it', async () => {
    const port = await getFreePort();
    collector = startService('collector', {
      NEO_COLLECTOR_PORT: String(port),
      NEO_COLLECTOR_HOST: '127.0.0.1',
      NEO_COLLECTOR_CONFIG: join(__dirname, 'support', 'empty-collector.yaml'),
      NEO_DATA_DIR: mkdtempSync(join(tmpdir(), 'neo-ingest-')),
      NEO_CHANNEL_PREFIX: uniquePrefix('ingest'),
      REDIS_URL: TEST_REDIS_URL,
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(() => answers200(`${base}/health/ready`), {
      timeoutMs: 60_000,
      description: 'collector ready',
    });

    const body = otlpGauge(3000);
    expect(body.length).toBeGreaterThan(300_000);
    const pushed = await fetch(`${base}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(pushed.status).toBe(200);

    const answer = await getJson<{ data: { result: Array<{ value: [number, string] }> } }>(
      `${base}/api/v1/query?query=${encodeURIComponent('count(story_words{job="novel-engine"})')}`,
    );
    expect(answer.data.result[0]?.value[1]).toBe('3000');

    // Grafana sends queries as form posts: the replaced body parsers still read them.
    const form = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: '1+1' }).toString(),
    });
    expect(await form.json()).toMatchObject({ status: 'success', data: { resultType: 'scalar' } });
  });
});
