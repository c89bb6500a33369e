import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { ChannelName, Envelope } from '@neo/contracts';
import { inProcessCheckState } from '@neo/domain-check';
import { uniquePrefix, waitFor } from '@neo/testing';
import { InProcessEventBus } from '@neo/transport';
import { AppModule } from '../app.module';
import type { AvailabilityReport } from '../availability/availability.service';
import { loadDashboardApiConfig } from '../config/dashboard-api.config';
import type { CheckSummary } from './checks.service';
import { jsonCall } from './json-call';

const HOUR = 3600_000;

describe('checks API and availability without Redis (all-in-one, in-process bus)', () => {
  const prefix = uniquePrefix('checks-memory');
  const events: Envelope<ChannelName>[] = [];
  let app: INestApplication;
  let base: string;
  let bus: InProcessEventBus;

  beforeAll(async () => {
    // The transport allows the in-process bus only inside the all-in-one process.
    process.env['NEO_ALL_IN_ONE'] = '1';
    const config = loadDashboardApiConfig({
      NEO_DASHBOARD_CONFIG: '',
      REDIS_URL: '',
      NEO_CHANNEL_PREFIX: prefix,
      NEO_LOG_LEVEL: 'silent',
      NEO_HEARTBEAT_INTERVAL_MS: '60000',
    });
    bus = new InProcessEventBus({ source: 'test', channelPrefix: prefix });
    for (const channel of [
      'neo.check.definition.v1',
      'neo.check.command.v1',
      'neo.check.regression.v1',
    ] as const) {
      bus.subscribe(channel, (envelope) => void events.push(envelope as Envelope<ChannelName>));
    }
    await bus.start();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    delete process.env['NEO_ALL_IN_ONE'];
  });

  const call = (method: string, path: string, body?: unknown) => jsonCall(base, method, path, body);

  it('says in /health that check state is in memory: not shared, not persisted', async () => {
    const res = await fetch(`${base}/health`);
    const body = (await res.json()) as { details: Record<string, Record<string, unknown>> };
    expect(body.details['check-state']).toMatchObject({
      status: 'up',
      store: 'memory',
      shared: false,
      persisted: false,
    });
  });

  it('creates, validates, lists, pauses, runs and deletes checks, kept where the in-process runner reads them', async () => {
    const created = await call('POST', '/api/checks', {
      name: 'mem-api',
      url: 'http://127.0.0.1:1/',
      conditions: ['[STATUS] == 200'],
      headers: { authorization: 'Bearer ${env:SECRET_TOKEN}' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'mem-api', source: 'api', paused: false });
    expect(JSON.stringify(created.json)).not.toContain('SECRET_TOKEN');
    await waitFor(() => events.find((e) => e.channel === 'neo.check.definition.v1'), {
      description: 'a definition event on the in-process bus',
    });
    // synthetic-runner, loaded in the same all-in-one process, reads this state (see its in-process source).
    const stored = JSON.parse(inProcessCheckState().checks.get('mem-api') ?? '{}') as {
      definition: Record<string, unknown>;
    };
    expect(stored.definition).toMatchObject({ type: 'http', url: 'http://127.0.0.1:1/' });

    const bad = await call('POST', '/api/checks', {
      name: 'mem-bad',
      url: 'http://127.0.0.1:1/',
      timeout: 'soon',
    });
    expect(bad.status).toBe(400);
    expect((bad.json as { issues: unknown[] }).issues).toEqual([
      { field: 'timeout', message: 'not a valid duration "soon" (use e.g. 500ms, 10s, 1m30s)' },
    ]);
    expect((await call('POST', '/api/checks', { name: 'mem-api', url: 'http://127.0.0.1:2/' })).status).toBe(
      409,
    );

    expect((await call('POST', '/api/checks/mem-api/pause')).json).toMatchObject({ paused: true });
    expect(inProcessCheckState().paused.has('mem-api')).toBe(true);
    expect((await call('POST', '/api/checks/mem-api/run')).status).toBe(202);
    await waitFor(() => events.find((e) => e.channel === 'neo.check.command.v1'), {
      description: 'a run command',
    });

    const listed = (await call('GET', '/api/checks')).json as { checks: CheckSummary[] };
    expect(listed.checks.map((c) => [c.name, c.source, c.paused])).toEqual([['mem-api', 'api', true]]);
    expect((await call('DELETE', '/api/checks/mem-api')).status).toBe(204);
    expect((await call('GET', '/api/checks/mem-api')).status).toBe(404);
    expect(inProcessCheckState().paused.has('mem-api')).toBe(false);
  });

  it('serves availability, percentiles and a regression from results on the in-process bus', async () => {
    const now = Date.now();
    const result = (at: number, durationSeconds: number, success = true, maintenance = false) => ({
      checkId: 'mem-shop',
      name: 'mem-shop',
      kind: 'http' as const,
      target: 'http://127.0.0.1:1/',
      success,
      durationSeconds,
      startedAt: new Date(at).toISOString(),
      intervalSeconds: 60,
      ...(maintenance ? { state: 'maintenance' as const } : {}),
    });
    for (let i = 0; i < 200; i++)
      await bus.publish('neo.check.result.v1', result(now - 2 * HOUR - i * 1800_000, 0.01));
    for (let i = 0; i < 5; i++) await bus.publish('neo.check.result.v1', result(now - 3 * HOUR, 0.01, false));
    for (let i = 0; i < 10; i++)
      await bus.publish('neo.check.result.v1', result(now - 4 * HOUR, 5, false, true));
    for (let i = 0; i < 6; i++) await bus.publish('neo.check.result.v1', result(now - i * 60_000, 0.1));

    const report = await waitFor(
      async () => {
        const res = await call('GET', '/api/checks/mem-shop/availability');
        const r = res.json as AvailabilityReport;
        return res.status === 200 && r.windows['30d'].runs === 221 ? r : undefined;
      },
      { description: 'all results recorded in memory', timeoutMs: 15_000 },
    );
    expect(report.windows['24h']).toMatchObject({ downSeconds: 300, maintenanceSeconds: 600 });
    // 200 + 6 up, 5 down; maintenance left out.
    expect(report.windows['30d'].availability).toBeCloseTo(206 / 211, 6);
    expect(report.windows['7d'].p50Seconds).toBeGreaterThan(0.009);
    expect(report.windows['7d'].p50Seconds).toBeLessThan(0.013);
    expect(report.lastHour).toEqual({ p95Seconds: 0.1, samples: 6 });
    expect(report.regressed).toBe(true);
    const regression = await waitFor(() => events.find((e) => e.channel === 'neo.check.regression.v1'), {
      description: 'a regression event',
    });
    expect(regression.payload).toMatchObject({ name: 'mem-shop', state: 'regressed', p95Seconds: 0.1 });
  });
});
