import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  startFakeScrapeTarget,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type FakeScrapeTarget,
} from '@neo/testing';
import { AppModule } from '../app.module';
import { loadCollectorConfig } from '../config/collector.config';

type Json = Record<string, unknown>;

const FLOAT_STRING = /^(NaN|[+-]Inf|-?\d+(\.\d+)?(e[+-]\d{2,})?)$/;

/**
 * Replays the requests Grafana's Prometheus data source makes (save & test, metric and label browser,
 * panels), as Grafana sends them: form POSTs for queries, integer-second start/end, step in seconds.
 */
describe('the query API as Grafana calls it', () => {
  let target: FakeScrapeTarget;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    target = await startFakeScrapeTarget();
    target.setGauge('grafana_gauge', 7, { kind: 'panel' });
    const dir = mkdtempSync(join(tmpdir(), 'collector-grafana-'));
    writeFileSync(
      join(dir, 'collector.yaml'),
      `scrape_configs:\n  - job_name: fake\n    scrape_interval: 200ms\n    scrape_timeout: 150ms\n    static_configs:\n      - targets: ['${target.host}']\n`,
    );
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: join(dir, 'collector.yaml'),
      NEO_DATA_DIR: join(dir, 'data'),
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: uniquePrefix('collector-grafana'),
      NEO_LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    // A few scrapes, so range queries have points to draw.
    await waitFor(
      async () => {
        const { body } = await get('/api/v1/query?query=count_over_time(up[1m])');
        return Number(resultOf(body)[0]?.value?.[1] ?? 0) >= 3;
      },
      { description: 'three scrapes stored', timeoutMs: 10_000 },
    );
  });

  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });

  async function get(path: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function postForm(
    path: string,
    form: Record<string, string>,
  ): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const range = () => ({ start: String(nowSeconds() - 3600), end: String(nowSeconds() + 1) });

  it('save & test: buildinfo without features, then 1+1 as a scalar by POST', async () => {
    const info = await get('/api/v1/status/buildinfo');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      status: 'success',
      data: expect.objectContaining({
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        revision: expect.any(String),
      }),
    });
    expect(info.body['data']).not.toHaveProperty('features');

    const time = (Date.now() / 1000).toFixed(3);
    const test = await postForm('/api/v1/query', { query: '1+1', time });
    expect(test).toEqual({
      status: 200,
      body: { status: 'success', data: { resultType: 'scalar', result: [Number(time), '2'] } },
    });
  });

  it('metric browser: label names, metric names, label values under match[], series', async () => {
    const labels = await get(`/api/v1/labels?${new URLSearchParams(range())}`);
    expect(labels.body).toEqual({
      status: 'success',
      data: expect.arrayContaining(['__name__', 'instance', 'job', 'kind']),
    });

    const names = await get(`/api/v1/label/__name__/values?${new URLSearchParams(range())}`);
    expect(names.body['data']).toEqual(
      expect.arrayContaining(['grafana_gauge', 'up', 'scrape_duration_seconds', 'scrape_samples_scraped']),
    );
    expect(names.body['data']).toEqual([...(names.body['data'] as string[])].sort());

    const kinds = await get(
      `/api/v1/label/kind/values?${new URLSearchParams({ 'match[]': 'grafana_gauge', ...range() })}`,
    );
    expect(kinds.body).toEqual({ status: 'success', data: ['panel'] });

    const series = await get(
      `/api/v1/series?${new URLSearchParams({ 'match[]': '{__name__="grafana_gauge"}', ...range() })}`,
    );
    expect(series.body).toEqual({
      status: 'success',
      data: [{ __name__: 'grafana_gauge', instance: target.host, job: 'fake', kind: 'panel' }],
    });
    const posted = await postForm('/api/v1/series', { 'match[]': 'up', ...range() });
    expect(posted.body['data']).toEqual([{ __name__: 'up', instance: target.host, job: 'fake' }]);
  });

  it('metadata: an object of metric name to [{type, help, unit}]', async () => {
    const metadata = await get('/api/v1/metadata');
    expect(metadata.status).toBe(200);
    expect(metadata.body['status']).toBe('success');
    const data = metadata.body['data'] as Record<string, Array<{ type: string; help: string; unit: string }>>;
    expect(typeof data).toBe('object');
    for (const entries of Object.values(data)) {
      for (const entry of entries)
        expect(entry).toEqual({
          type: expect.any(String),
          help: expect.any(String),
          unit: expect.any(String),
        });
    }
  });

  it('panels: query_range as a matrix of [seconds, "value"] pairs, instant queries as vectors', async () => {
    const end = nowSeconds() + 1;
    const panel = await postForm('/api/v1/query_range', {
      query: 'sum by (job) (grafana_gauge)',
      start: String(end - 60),
      end: String(end),
      step: '1',
    });
    expect(panel.status).toBe(200);
    expect(panel.body['status']).toBe('success');
    const data = panel.body['data'] as {
      resultType: string;
      result: Array<{ metric: Json; values: Array<[number, string]> }>;
    };
    expect(data.resultType).toBe('matrix');
    expect(data.result).toHaveLength(1);
    expect(data.result[0].metric).toEqual({ job: 'fake' });
    for (const [t, v] of data.result[0].values) {
      expect(Number.isInteger(t)).toBe(true);
      expect(v).toBe('7');
    }

    // Float seconds: a floored second could fall before the first scrape.
    const instant = await postForm('/api/v1/query', {
      query: 'grafana_gauge',
      time: (Date.now() / 1000).toFixed(3),
    });
    expect(instant.body['data']).toEqual({
      resultType: 'vector',
      result: [
        { metric: expect.objectContaining({ __name__: 'grafana_gauge' }), value: [expect.any(Number), '7'] },
      ],
    });

    const rfc3339 = await get(
      `/api/v1/query_range?${new URLSearchParams({ query: 'up', start: new Date((end - 30) * 1000).toISOString(), end: new Date(end * 1000).toISOString(), step: '15s' })}`,
    );
    const values = (rfc3339.body['data'] as typeof data).result[0].values;
    // The data starts seconds ago, so only the latest steps of the 15 s grid have points.
    expect(values.at(-1)?.[0]).toBe(end);
    expect(values.every(([t]) => [end - 30, end - 15, end].includes(t))).toBe(true);
    expect(values.every(([, v]) => FLOAT_STRING.test(v))).toBe(true);
  });

  it('answers Prometheus error types and status codes', async () => {
    const syntax = await postForm('/api/v1/query', { query: 'sum(' });
    expect(syntax.status).toBe(400);
    expect(syntax.body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: expect.stringMatching(/parse error/),
    });

    const noStep = await postForm('/api/v1/query_range', { query: 'up', start: '1', end: '2' });
    expect(noStep.status).toBe(400);
    expect(noStep.body['error']).toMatch(/"step"/);

    const backwards = await postForm('/api/v1/query_range', {
      query: 'up',
      start: '10',
      end: '1',
      step: '1',
    });
    expect(backwards).toMatchObject({ status: 400, body: { errorType: 'bad_data' } });

    const noMatch = await get('/api/v1/series');
    expect(noMatch).toMatchObject({
      status: 400,
      body: { errorType: 'bad_data', error: 'no match[] parameter provided' },
    });

    const badName = await get('/api/v1/label/not-a-name/values');
    expect(badName).toMatchObject({ status: 400, body: { errorType: 'bad_data' } });

    // A PromQL execution error: many-to-many matching is refused at evaluation time (422).
    const manyToMany = await get(
      `/api/v1/query?query=${encodeURIComponent('{__name__=~"up|grafana_gauge"} + on() {__name__=~"up|grafana_gauge"}')}`,
    );
    expect(manyToMany).toMatchObject({ status: 422, body: { status: 'error', errorType: 'execution' } });
  });
});

function resultOf(body: Json): Array<{ value?: [number, string] }> {
  const data = body['data'] as { result?: Array<{ value?: [number, string] }> } | undefined;
  return data?.result ?? [];
}
