import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { httpGet, TEST_REDIS_URL, uniquePrefix } from '@neo/testing';
import { AppModule } from '../app.module';
import { loadDashboardApiConfig } from '../config/dashboard-api.config';
import type { DashboardResponse, PanelResult } from './dashboard.types';
import { FakePrometheus, type AskedQuery, type FakeAnswer } from './fake-prometheus';

const T = 1_700_000_000;

function answer(query: AskedQuery): FakeAnswer {
  const expr = query.params['query'] ?? '';
  if (expr === 'avg(probe_success)') return { status: 400, error: 'boom: probe_success unavailable' };
  if (query.path === '/api/v1/query_range') {
    return {
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { service: 'collector' },
            values: [
              [T, '1.5'],
              [T + 60, '2.5'],
            ],
          },
        ],
      },
    };
  }
  if (expr.startsWith('count(ALERTS')) return { data: { resultType: 'vector', result: [] } };
  if (expr === 'max by (job, instance) (up)') {
    return {
      data: {
        resultType: 'vector',
        result: [
          { metric: { job: 'a', instance: 'x:1' }, value: [T, '1'] },
          { metric: { job: 'b', instance: 'y:2' }, value: [T, '0'] },
        ],
      },
    };
  }
  return { data: { resultType: 'vector', result: [{ metric: {}, value: [T, '4'] }] } };
}

describe('dashboards over a Prometheus-compatible API', () => {
  const prometheus = new FakePrometheus(answer);
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const queryUrl = await prometheus.start();
    const config = loadDashboardApiConfig({
      NEO_DASHBOARD_CONFIG: '',
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: uniquePrefix('dashboards-it'),
      NEO_LOG_LEVEL: 'silent',
      NEO_DASHBOARD_HOST: '127.0.0.1',
      NEO_DASHBOARD_QUERY_URL: queryUrl,
      NEO_DASHBOARD_QUERY_TIMEOUT_MS: '2000',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await prometheus.stop();
  });

  beforeEach(() => {
    prometheus.asked.length = 0;
  });

  async function dashboard(path: string): Promise<DashboardResponse> {
    const res = await httpGet(`${base}/api/dashboards/${path}`);
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as DashboardResponse;
  }

  function panel(body: DashboardResponse, id: string): PanelResult {
    const found = body.panels.find((p) => p.id === id);
    if (!found) throw new Error(`no panel ${id}`);
    return found;
  }

  it('lists the four built-in dashboards', async () => {
    const res = await httpGet(`${base}/api/dashboards`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { dashboards: { name: string }[] };
    expect(body.dashboards.map((d) => d.name)).toEqual([
      'executive',
      'operational',
      'performance',
      'security',
    ]);
  });

  it('runs stats as instant and time series as range queries; a failing panel keeps its error', async () => {
    const before = Date.now();
    const body = await dashboard('executive?range=2h&step=5m');
    expect(body).toMatchObject({ name: 'executive', title: 'Executive overview' });
    expect(Date.parse(body.generatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(panel(body, 'services-up')).toMatchObject({ kind: 'stat', query: 'sum(up)', data: { value: 4 } });
    expect(panel(body, 'firing-alerts')).toMatchObject({ data: { value: 0, series: [] } });
    const failed = panel(body, 'availability');
    expect(failed).toMatchObject({ kind: 'stat', query: 'avg(probe_success)' });
    expect('error' in failed && failed.error).toContain('probe_success unavailable');
    expect(panel(body, 'request-rate-trend')).toMatchObject({
      kind: 'timeseries',
      unit: 'req/s',
      data: {
        series: [
          {
            metric: { service: 'collector' },
            values: [
              { timestampMs: T * 1000, value: 1.5 },
              { timestampMs: (T + 60) * 1000, value: 2.5 },
            ],
          },
        ],
      },
    });

    const instant = prometheus.asked.filter((q) => q.path === '/api/v1/query').map((q) => q.params['query']);
    expect(instant.sort()).toEqual(
      [
        'avg(probe_success)',
        'count(ALERTS{alertstate="firing"})',
        'sum(rate(http_requests_total[5m]))',
        'sum(up)',
      ].sort(),
    );
    const range = prometheus.asked.filter((q) => q.path === '/api/v1/query_range');
    expect(range).toHaveLength(1);
    const { start, end, step } = range[0].params;
    expect(step).toBe('300');
    expect(Number(end) - Number(start)).toBeCloseTo(7200, 3);
  });

  it('keeps every series of a multi-series stat', async () => {
    const body = await dashboard('operational');
    expect(panel(body, 'targets-up')).toMatchObject({
      data: {
        value: null,
        series: [
          { metric: { job: 'a', instance: 'x:1' }, value: 1 },
          { metric: { job: 'b', instance: 'y:2' }, value: 0 },
        ],
      },
    });
    const range = prometheus.asked.find((q) => q.path === '/api/v1/query_range');
    expect(range?.params['step']).toBe('60');
    expect(Number(range?.params['end']) - Number(range?.params['start'])).toBeCloseTo(3600, 3);
  });

  it('answers 404 for an unknown dashboard and 400 naming a bad parameter', async () => {
    const missing = await httpGet(`${base}/api/dashboards/finance`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: "no dashboard named 'finance'" });
    const badRange = await httpGet(`${base}/api/dashboards/security?range=forever`);
    expect(badRange.status).toBe(400);
    expect(JSON.parse(badRange.body)).toMatchObject({ parameter: 'range' });
    const badStep = await httpGet(`${base}/api/dashboards/security?step=0`);
    expect(badStep.status).toBe(400);
    expect(JSON.parse(badStep.body)).toMatchObject({ parameter: 'step' });
    expect(prometheus.asked).toHaveLength(0);
  });
});
