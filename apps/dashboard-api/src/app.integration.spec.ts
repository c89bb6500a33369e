import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '@neo/contracts';
import { connectTestRedis, httpGet, SseClient, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { AppModule } from './app.module';
import { loadDashboardApiConfig } from './config/dashboard-api.config';
import type { OverviewResponse } from './overview/dto/overview.dto';

const REDIS_URL = TEST_REDIS_URL;
const NOW = new Date().toISOString();

describe('dashboard-api on a real Redis bus', () => {
  let app: INestApplication;
  let base: string;
  let publisher: RedisEventBus;
  let prefix: string;
  let closed = false;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    prefix = uniquePrefix('dashboard-it');
    const config = loadDashboardApiConfig({
      NEO_DASHBOARD_CONFIG: '',
      REDIS_URL,
      NEO_CHANNEL_PREFIX: prefix,
      NEO_LOG_LEVEL: 'silent',
      NEO_DASHBOARD_HOST: '127.0.0.1',
      NEO_DASHBOARD_SSE_KEEP_ALIVE: '200ms',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    publisher = new RedisEventBus(REDIS_URL, { source: 'it-publisher', channelPrefix: prefix });
    await publisher.start();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await publisher.close();
    if (!closed) await app.close();
  });

  function sse(path: string): SseClient {
    const client = new SseClient(base + path);
    clients.push(client);
    return client;
  }

  async function overview(): Promise<OverviewResponse> {
    const res = await httpGet(`${base}/api/overview`);
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as OverviewResponse;
  }

  it('shows services, targets, checks and alerts published by other services', async () => {
    await publisher.publish('neo.service.heartbeat.v1', {
      service: 'collector',
      instance: '127.0.0.1:9180',
      url: 'http://127.0.0.1:9180',
      status: 'degraded',
      startedAt: NOW,
      bus: 'redis',
      components: [{ name: 'bus', status: 'degraded', message: 'slow PING' }],
    });
    await publisher.publish('neo.target.health.v1', {
      job: 'api',
      instance: '127.0.0.1:7001',
      url: 'http://127.0.0.1:7001/metrics',
      health: 'down',
      lastError: 'connection refused',
      lastScrape: NOW,
      scrapeDurationSeconds: 0.002,
    });
    await publisher.publish('neo.check.result.v1', {
      checkId: 'home',
      name: 'home page',
      kind: 'http',
      target: 'http://127.0.0.1:7001/',
      success: false,
      statusCode: 503,
      durationSeconds: 0.05,
      error: 'expected status 200, got 503',
      startedAt: NOW,
    });
    for (const [fingerprint, state] of [
      ['f1', 'firing'],
      ['f2', 'pending'],
      ['f3', 'firing'],
    ] as const) {
      await publisher.publish('neo.alert.state.v1', {
        group: 'api',
        rule: 'ApiDown',
        fingerprint,
        state,
        previousState: state === 'firing' ? 'pending' : 'inactive',
        labels: { alertname: 'ApiDown', instance: fingerprint },
        annotations: { summary: 'api is down' },
        value: 0,
        activeAt: NOW,
        ...(state === 'firing' ? { firedAt: NOW } : {}),
      });
    }
    await publisher.publish('neo.alert.state.v1', {
      group: 'api',
      rule: 'ApiDown',
      fingerprint: 'f3',
      state: 'resolved',
      previousState: 'firing',
      labels: { alertname: 'ApiDown', instance: 'f3' },
      annotations: { summary: 'api is down' },
      value: 1,
      activeAt: NOW,
      resolvedAt: NOW,
    });

    const body = await waitFor(async () => {
      const current = await overview();
      const ready =
        current.alerts.length === 2 &&
        current.alerts.every((a) => a.fingerprint !== 'f3') &&
        current.checks.length === 1 &&
        current.targets.length === 1 &&
        current.services.some((s) => s.service === 'collector') &&
        current.services.some((s) => s.service === 'dashboard-api');
      return ready ? current : undefined;
    });

    expect(body.bus).toBe('redis');
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    expect(body.services.map((s) => s.service)).toEqual(['collector', 'dashboard-api']);
    expect(body.services[0]).toMatchObject({
      instance: '127.0.0.1:9180',
      url: 'http://127.0.0.1:9180',
      status: 'degraded',
      components: [{ name: 'bus', status: 'degraded', message: 'slow PING' }],
    });
    expect(body.targets).toEqual([
      {
        job: 'api',
        instance: '127.0.0.1:7001',
        url: 'http://127.0.0.1:7001/metrics',
        health: 'down',
        lastError: 'connection refused',
        lastScrape: NOW,
      },
    ]);
    expect(body.checks).toEqual([
      {
        checkId: 'home',
        name: 'home page',
        target: 'http://127.0.0.1:7001/',
        success: false,
        statusCode: 503,
        durationSeconds: 0.05,
        error: 'expected status 200, got 503',
        startedAt: NOW,
      },
    ]);
    expect(body.alerts.map((a) => [a.fingerprint, a.state])).toEqual([
      ['f1', 'firing'],
      ['f2', 'pending'],
    ]);
    expect(body.alerts[0]).toMatchObject({
      rule: 'ApiDown',
      group: 'api',
      labels: { instance: 'f1' },
      firedAt: NOW,
    });
    expect(body.summary).toMatchObject({
      targetsUp: 0,
      targetsDown: 1,
      checksFailing: 1,
      alertsFiring: 1,
      alertsPending: 1,
    });
  });

  it('streams a check result to an SSE client as it happens, with the channel as event type', async () => {
    const client = sse('/api/events?channels=neo.check.result.v1');
    await client.connected();
    expect(client.status).toBe(200);
    expect(client.contentType).toMatch(/^text\/event-stream/);

    await publisher.publish('neo.check.result.v1', {
      checkId: 'login',
      name: 'login page',
      kind: 'http',
      target: 'http://127.0.0.1:7001/login',
      success: true,
      statusCode: 200,
      durationSeconds: 0.01,
      startedAt: NOW,
    });

    const message = await waitFor(() =>
      client.messages.find((m) => m.event === 'neo.check.result.v1' && m.data?.includes('"login"')),
    );
    const envelope = JSON.parse(message.data ?? '') as Envelope<'neo.check.result.v1'>;
    expect(message.id).toBe(envelope.id);
    expect(envelope).toMatchObject({ channel: 'neo.check.result.v1', source: 'it-publisher' });
    expect(envelope.payload).toMatchObject({ checkId: 'login', success: true, statusCode: 200 });
    // The filter keeps heartbeats (published every few seconds by the dashboard itself) off this stream.
    expect(client.messages.filter((m) => m.event !== undefined && m.event !== 'neo.check.result.v1')).toEqual(
      [],
    );
  });

  it('writes keep-alive comments on an idle stream', async () => {
    const client = sse('/api/events?channels=neo.alert.state.v1');
    await waitFor(() => client.comments.find((comment) => comment === 'keep-alive'));
  });

  it('drops a malformed message on a channel and keeps serving', async () => {
    const raw = await connectTestRedis();
    await raw.publish(`${prefix}neo.target.health.v1`, '{not json');
    await raw.publish(
      `${prefix}neo.target.health.v1`,
      JSON.stringify({ id: 'x', channel: 'neo.target.health.v1' }),
    );
    await raw.quit();
    await publisher.publish('neo.target.health.v1', {
      job: 'after-garbage',
      instance: '127.0.0.1:7002',
      url: 'http://127.0.0.1:7002/metrics',
      health: 'up',
      lastScrape: NOW,
      scrapeDurationSeconds: 0.001,
    });

    await waitFor(async () => (await overview()).targets.some((t) => t.job === 'after-garbage'), {
      description: 'the valid event after the garbage',
    });
    const health = await httpGet(`${base}/health`);
    const details = JSON.parse(health.body) as { details: { bus: { status: string; dropped: number } } };
    expect(details.details.bus.status).toBe('up');
    expect(details.details.bus.dropped).toBeGreaterThanOrEqual(2);
  });

  it('answers an unknown channel filter with 400 naming the parameter', async () => {
    const res = await httpGet(`${base}/api/events?channels=bogus`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(res.body) as { parameter: string; message: string };
    expect(body.parameter).toBe('channels');
    expect(body.message).toContain("'bogus'");
  });

  it('serves a self-contained HTML page that reads the overview and the event stream', async () => {
    const res = await httpGet(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('api/overview');
    expect(res.body).toContain("new EventSource('api/events')");
  });

  it('ends open event streams on shutdown so the server can close', async () => {
    const client = sse('/api/events');
    await client.connected();

    await app.close();
    closed = true;

    await waitFor(() => client.ended, { description: 'the SSE stream to end' });
  });
});
