import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { compress } from 'snappyjs';
import { AppModule } from '../app.module';
import { loadCollectorConfig } from '../config/collector.config';
import { encodeWriteRequest, REMOTE_WRITE_HEADERS } from '../remote-write/write-request-encoder';

const T0 = 1_700_000_000_000;
const SERIES = 500;
const POINTS = 240; // 1 h at 15 s
const START_S = T0 / 1000;
const END_S = START_S + 3600;

const TIMED_OUT = { status: 'error', errorType: 'timeout', error: 'query timed out in query execution' };

/**
 * The `timeout` parameter of /api/v1/query and /api/v1/query_range, as Prometheus reads it: a duration or
 * float seconds, the lower of it and the collector's query timeout applies, expiry is 503 errorType timeout.
 * Expiry is forced with budgets that round to zero (a Go context with a zero timeout is done at once), so
 * nothing here depends on how fast this machine evaluates.
 */
describe('query API timeout parameter', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collector-query-timeout-'));
    writeFileSync(join(dir, 'collector.yaml'), 'scrape_configs: []\n');
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: join(dir, 'collector.yaml'),
      NEO_DATA_DIR: join(dir, 'data'),
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: uniquePrefix('collector-query-timeout'),
      NEO_LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const timestamps = Array.from({ length: POINTS }, (_, i) => T0 + i * 15_000);
    const series = Array.from({ length: SERIES }, (_, k) => ({
      labels: { __name__: 'timeout_requests_total', job: `job-${k % 10}`, instance: `i-${k}` },
      timestamps,
      values: timestamps.map((_, i) => i * (k + 1)),
    }));
    const write = await fetch(`${base}/api/v1/write`, {
      method: 'POST',
      headers: REMOTE_WRITE_HEADERS,
      body: compress(encodeWriteRequest(series)),
    });
    expect(write.status).toBe(204);
  });

  afterAll(async () => {
    await app?.close();
  });

  async function get(path: string, params: Record<string, string>) {
    const response = await fetch(`${base}${path}?${new URLSearchParams(params).toString()}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const range = {
    query: 'sum by (job) (rate(timeout_requests_total[5m]))',
    start: `${START_S}`,
    end: `${END_S}`,
    step: '15',
  };

  it('answers a range query within a generous timeout', async () => {
    const { status, body } = await get('/api/v1/query_range', { ...range, timeout: '30s' });
    expect(status).toBe(200);
    expect(body['status']).toBe('success');
    expect((body['data'] as { result: unknown[] }).result).toHaveLength(10);
  });

  it('fails a range query whose timeout expires with 503 errorType timeout', async () => {
    const { status, body } = await get('/api/v1/query_range', { ...range, timeout: '0.000001' });
    expect(status).toBe(503);
    expect(body).toEqual(TIMED_OUT);
  });

  it('fails an instant query with timeout=0 (GET and form POST)', async () => {
    const params = { query: 'count(timeout_requests_total)', time: `${END_S}`, timeout: '0' };
    const viaGet = await get('/api/v1/query', params);
    expect(viaGet).toEqual({ status: 503, body: TIMED_OUT });
    const response = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual(TIMED_OUT);
  });

  it('answers the same instant query with a duration timeout, the collector still serving', async () => {
    const { status, body } = await get('/api/v1/query', {
      query: 'count(timeout_requests_total)',
      time: `${END_S}`,
      timeout: '1m',
    });
    expect(status).toBe(200);
    expect(body['data']).toEqual({
      resultType: 'vector',
      result: [{ metric: {}, value: [END_S, `${SERIES}`] }],
    });
  });

  it.each(['abc', '5q', '1x'])('refuses timeout=%s with 400 bad_data naming the parameter', async (value) => {
    const { status, body } = await get('/api/v1/query_range', { ...range, timeout: value });
    expect(status).toBe(400);
    expect(body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: `invalid parameter "timeout": cannot parse "${value}" to a valid duration`,
    });
  });
});
