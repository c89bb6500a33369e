import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { CheckResultV1, Envelope } from '@neo/contracts';
import {
  refusedPort,
  startLoopbackServer,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../app.module';
import { loadSyntheticRunnerConfig } from '../config/synthetic-runner.config';
import type { CheckView } from './dto/check-view';

const REDIS_URL = TEST_REDIS_URL;

describe('synthetic-runner against loopback targets, results on real Redis', () => {
  const servers: LoopbackServer[] = [];
  const events: Envelope<'neo.check.result.v1'>[] = [];
  let listener: RedisEventBus;
  let app: INestApplication;
  let base: string;
  let refused: number;

  beforeAll(async () => {
    const prefix = uniquePrefix('synthetic');
    const ok = await startLoopbackServer((_req, res) => res.writeHead(200).end('ok'));
    const unavailable = await startLoopbackServer((_req, res) => res.writeHead(503).end('down'));
    const hung = await startLoopbackServer(() => undefined);
    const sluggish = await startLoopbackServer((_req, res) =>
      setTimeout(() => res.writeHead(200).end(), 150),
    );
    servers.push(ok, unavailable, hung, sluggish);
    refused = await refusedPort();

    const yaml = [
      'checks:',
      `  - { name: ok, url: "${ok.url}/health", interval: 3s, timeout: 2s, labels: { service: ok } }`,
      `  - { name: unavailable, url: "${unavailable.url}/", interval: 3s, timeout: 2s, expected_status: 200 }`,
      `  - { name: hung, url: "${hung.url}/", interval: 1s, timeout: 300ms }`,
      `  - { name: sluggish, url: "${sluggish.url}/", interval: 3s, timeout: 2s, max_latency: 50ms }`,
      `  - { name: refused, url: "http://127.0.0.1:${refused}/", interval: 3s, timeout: 2s }`,
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'neo-synthetic-it-')), 'synthetic-runner.yaml');
    writeFileSync(file, yaml);
    const config = loadSyntheticRunnerConfig({
      NEO_SYNTHETIC_CONFIG: file,
      REDIS_URL,
      NEO_CHANNEL_PREFIX: prefix,
      NEO_LOG_LEVEL: 'silent',
      NEO_SYNTHETIC_INITIAL_SPREAD_MS: '200',
      NEO_SYNTHETIC_SHUTDOWN_GRACE_MS: '0',
      NEO_HEARTBEAT_INTERVAL_MS: '60000',
    });

    listener = new RedisEventBus(REDIS_URL, { source: 'test', channelPrefix: prefix });
    listener.subscribe('neo.check.result.v1', (envelope) => void events.push(envelope));
    await listener.start();

    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await listener?.close();
    await Promise.all(servers.map((server) => server.stop()));
  });

  function resultOf(name: string): Promise<Envelope<'neo.check.result.v1'>> {
    return waitFor(() => events.find((event) => event.payload.name === name), {
      description: `a result of ${name}`,
      timeoutMs: 10_000,
      intervalMs: 20,
    });
  }

  it('publishes a success for a healthy target, with its URL and labels', async () => {
    const event = await resultOf('ok');
    expect(event.source).toBe('synthetic-runner');
    expect(event.payload).toMatchObject({
      checkId: 'ok',
      kind: 'http',
      target: `${servers[0]?.url}/health`,
      success: true,
      statusCode: 200,
      labels: { service: 'ok' },
    });
    expect(event.payload.error).toBeUndefined();
  });

  it('publishes a failure naming the unexpected status', async () => {
    expect((await resultOf('unavailable')).payload).toMatchObject({
      success: false,
      statusCode: 503,
      error: 'expected status 200, got 503',
      labels: {},
    });
  });

  it('publishes a timeout when the target does not answer in time', async () => {
    const { payload } = await resultOf('hung');
    expect(payload).toMatchObject({ success: false, error: 'timeout after 300ms' });
    expect(payload.statusCode).toBeUndefined();
  });

  it('publishes a failure when the response is slower than max_latency', async () => {
    const { payload } = await resultOf('sluggish');
    expect(payload.success).toBe(false);
    expect(payload.statusCode).toBe(200);
    expect(payload.error).toMatch(/^latency \d+ms exceeds max_latency 50ms$/);
  });

  it('publishes a connection error for a refused port', async () => {
    const { payload } = await resultOf('refused');
    expect(payload).toMatchObject({ success: false, error: `connect ECONNREFUSED 127.0.0.1:${refused}` });
  });

  it('lists every check with its latest result', async () => {
    await Promise.all(['ok', 'unavailable', 'hung', 'sluggish', 'refused'].map(resultOf));
    const response = await fetch(`${base}/api/checks`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checks: CheckView[] };
    expect(body.checks.map((check) => check.name)).toEqual([
      'ok',
      'unavailable',
      'hung',
      'sluggish',
      'refused',
    ]);
    const byName = new Map(body.checks.map((check) => [check.name, check]));
    expect(byName.get('ok')).toMatchObject({
      kind: 'http',
      method: 'GET',
      interval: '3s',
      timeout: '2s',
      expectedStatus: '2xx',
      maxLatency: null,
      labels: { service: 'ok' },
      lastResult: { success: true, statusCode: 200 },
    });
    expect(byName.get('unavailable')?.expectedStatus).toEqual([200]);
    expect(byName.get('refused')?.lastResult?.success).toBe(false);
  });

  it('serves one check by name and a JSON 404 for an unknown one', async () => {
    await resultOf('unavailable');
    const found = (await (await fetch(`${base}/api/checks/unavailable`)).json()) as CheckView;
    expect(found.lastResult).toMatchObject<Partial<CheckResultV1>>({ success: false, statusCode: 503 });

    const missing = await fetch(`${base}/api/checks/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect(await missing.json()).toMatchObject({ statusCode: 404, message: "unknown check 'nope'" });
  });

  it('exposes blackbox-style probe metrics per check', async () => {
    await Promise.all(['ok', 'unavailable', 'refused'].map(resultOf));
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^probe_success\{[^}]*check="ok"[^}]*\} 1$/m);
    expect(text).toMatch(/^probe_success\{[^}]*check="unavailable"[^}]*\} 0$/m);
    expect(text).toMatch(/^probe_http_status_code\{[^}]*check="unavailable"[^}]*\} 503$/m);
    expect(text).toMatch(/^probe_http_status_code\{[^}]*check="refused"[^}]*\} 0$/m);
    expect(text).toMatch(/^probe_duration_seconds\{[^}]*check="ok"[^}]*\} [0-9.e-]+$/m);
    expect(text).toMatch(/^neo_synthetic_runs_total\{[^}]*check="ok"[^}]*result="success"[^}]*\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^neo_synthetic_runs_total\{[^}]*check="refused"[^}]*result="failure"[^}]*\} [1-9]\d*$/m,
    );
  });
});
