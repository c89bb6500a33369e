import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Envelope } from '@neo/contracts';
import {
  startFakeScrapeTarget,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type FakeScrapeTarget,
} from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { AppModule } from './app.module';
import { loadCollectorConfig } from './config/collector.config';

const REDIS_URL = TEST_REDIS_URL;
const WAIT_MS = 10_000;

interface QueryBody {
  status: string;
  errorType?: string;
  error?: string;
  data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

interface TargetsBody {
  status: string;
  data: {
    activeTargets: Array<{
      labels: Record<string, string>;
      health: string;
      lastError: string;
      scrapeUrl: string;
      lastScrape: string;
    }>;
  };
}

describe('collector on real Redis and HTTP', () => {
  let target: FakeScrapeTarget;
  let app: INestApplication;
  let base: string;
  let listener: RedisEventBus;
  const healthEvents: Array<Envelope<'neo.target.health.v1'>> = [];
  const channelPrefix = uniquePrefix('collector-it');
  const setGauge = (value: number) => target.setGauge('fake_gauge', value, { kind: 'test' });

  beforeAll(async () => {
    target = await startFakeScrapeTarget();
    setGauge(1);
    const dir = mkdtempSync(join(tmpdir(), 'collector-it-'));
    const file = join(dir, 'collector.yaml');
    writeFileSync(
      file,
      `scrape_configs:
  - job_name: fake
    scrape_interval: 400ms
    scrape_timeout: 300ms
    static_configs:
      - targets: ['${target.host}']
        labels: { env: test }
`,
    );
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: file,
      NEO_DATA_DIR: join(dir, 'data'),
      REDIS_URL,
      NEO_CHANNEL_PREFIX: channelPrefix,
      NEO_LOG_LEVEL: 'silent',
    });

    listener = new RedisEventBus(REDIS_URL, { source: 'test-listener', channelPrefix });
    listener.subscribe('neo.target.health.v1', (envelope) => void healthEvents.push(envelope));
    await listener.start();

    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await listener?.close();
    await target?.stop();
  });

  const query = async (q: string, extra = ''): Promise<{ status: number; body: QueryBody }> => {
    const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}${extra}`);
    return { status: response.status, body: (await response.json()) as QueryBody };
  };
  const valueOf = async (q: string): Promise<string | undefined> =>
    (await query(q)).body.data.result[0]?.value[1];
  const targetState = async () =>
    ((await (await fetch(`${base}/api/v1/targets`)).json()) as TargetsBody).data.activeTargets[0];
  const eventsSoFar = () => healthEvents.length;
  const nextHealthEvent = (after: number) =>
    waitFor(() => healthEvents[after], { description: 'a target health event', timeoutMs: WAIT_MS });

  it('announces the first scrape, stores the gauge with target labels and follows its value', async () => {
    const first = await nextHealthEvent(0);
    expect(first.payload).toMatchObject({
      job: 'fake',
      instance: target.host,
      url: `http://${target.host}/metrics`,
      health: 'up',
    });
    expect(first.source).toBe('collector');

    const { body } = await query('fake_gauge{kind="test"}');
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    expect(body.data.result[0].metric).toEqual({
      __name__: 'fake_gauge',
      kind: 'test',
      env: 'test',
      job: 'fake',
      instance: target.host,
    });
    expect(body.data.result[0].value[1]).toBe('1');

    setGauge(42.5);
    await waitFor(async () => (await valueOf('fake_gauge')) === '42.5', {
      description: 'the flipped gauge',
      timeoutMs: WAIT_MS,
    });
    expect(await valueOf(`up{job="fake"}`)).toBe('1');
    expect(Number(await valueOf('scrape_duration_seconds'))).toBeGreaterThan(0);
  });

  it('marks a target returning garbage down with the parse error, then up again', async () => {
    const before = eventsSoFar();
    target.setBody('<html><body>not metrics</body></html>\n');
    const down = await nextHealthEvent(before);
    expect(down.payload.health).toBe('down');
    expect(down.payload.lastError).toMatch(/^parse error: line 1: invalid metric name/);
    expect(await valueOf('up')).toBe('0');
    expect(await targetState()).toMatchObject({ health: 'down', lastError: down.payload.lastError });

    setGauge(42.5);
    expect((await nextHealthEvent(before + 1)).payload.health).toBe('up');
    expect(await targetState()).toMatchObject({ health: 'up', lastError: '' });
  });

  it('marks a non-2xx answer and a timeout down with their reason', async () => {
    let before = eventsSoFar();
    target.setStatus(500);
    expect((await nextHealthEvent(before)).payload.lastError).toBe(
      'server returned HTTP status 500 Internal Server Error',
    );
    target.setStatus(200);
    await nextHealthEvent(before + 1);

    before = eventsSoFar();
    target.setHanging(true);
    expect((await nextHealthEvent(before)).payload.lastError).toBe('scrape timed out after 300ms');
    target.setHanging(false);
    expect((await nextHealthEvent(before + 1)).payload.health).toBe('up');
  });

  it('serves /api/v1/targets in Prometheus shape', async () => {
    const body = (await (await fetch(`${base}/api/v1/targets`)).json()) as TargetsBody;
    expect(body.status).toBe('success');
    expect(body.data.activeTargets).toEqual([
      expect.objectContaining({
        labels: { env: 'test', job: 'fake', instance: target.host },
        scrapePool: 'fake',
        scrapeUrl: `http://${target.host}/metrics`,
        health: 'up',
        lastError: '',
        lastScrapeDuration: expect.any(Number),
      }),
    ]);
    expect(Date.parse(body.data.activeTargets[0].lastScrape)).not.toBeNaN();
  });

  it('answers filters, POST forms, evaluation times and bad queries like Prometheus', async () => {
    expect((await query('up == 1')).body.data.result).toHaveLength(1);
    expect((await query('up == 0')).body.data.result).toEqual([]);

    const posted = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'fake_gauge > 40', time: String(Date.now() / 1000) }).toString(),
    });
    expect(posted.status).toBe(200);
    const postedBody = (await posted.json()) as QueryBody;
    expect(postedBody.data.result.map((r) => r.value[1])).toEqual(['42.5']);

    const past = await query('up', '&time=2001-01-01T00:00:00Z');
    expect(past.body.data.result).toEqual([]);

    const bad = await query('rate(up[5m]');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: expect.stringMatching(/parse error/),
    });
    const missing = await fetch(`${base}/api/v1/query`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      errorType: 'bad_data',
      error: expect.stringMatching(/"query"/),
    });
    const badTime = await query('up', '&time=soon');
    expect(badTime.status).toBe(400);
    expect(badTime.body.error).toMatch(/invalid parameter "time"/);
  });

  it('turns check results from the bus into probe samples', async () => {
    const publisher = new RedisEventBus(REDIS_URL, { source: 'synthetic-runner', channelPrefix });
    await publisher.start();
    try {
      await publisher.publish('neo.check.result.v1', {
        checkId: 'c1',
        name: 'api-health',
        kind: 'http',
        target: 'http://127.0.0.1:1/health',
        success: false,
        statusCode: 503,
        durationSeconds: 0.75,
        startedAt: new Date().toISOString(),
        labels: { team: 'ops' },
      });
      const result = await waitFor(
        async () => (await query('probe_success{check="api-health"}')).body.data.result[0],
        { description: 'probe_success', timeoutMs: WAIT_MS },
      );
      expect(result.metric).toEqual({
        __name__: 'probe_success',
        job: 'synthetic',
        check: 'api-health',
        instance: 'http://127.0.0.1:1/health',
        team: 'ops',
      });
      expect(result.value[1]).toBe('0');
      expect(await valueOf('probe_duration_seconds > 0.5')).toBe('0.75');
      expect(await valueOf('probe_http_status_code')).toBe('503');
    } finally {
      await publisher.close();
    }
  });

  it('reports the store in /health', async () => {
    const body = (await (await fetch(`${base}/health`)).json()) as {
      status: string;
      details: Record<string, { status: string; series?: number }>;
    };
    expect(body.details['store']).toMatchObject({ status: 'up' });
    expect(body.details['store'].series).toBeGreaterThan(0);
  });

  it('marks a stopped target down with the connection error', async () => {
    const before = eventsSoFar();
    await target.stop();
    const down = await nextHealthEvent(before);
    expect(down.payload.health).toBe('down');
    expect(down.payload.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(await valueOf('up')).toBe('0');
  });
});
