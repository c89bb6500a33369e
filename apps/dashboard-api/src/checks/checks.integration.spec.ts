import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { ChannelName, Envelope } from '@neo/contracts';
import { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { AppModule } from '../app.module';
import type { AvailabilityReport } from '../availability/availability.service';
import { loadDashboardApiConfig } from '../config/dashboard-api.config';
import type { CheckSummary } from './checks.service';
import { jsonCall } from './json-call';

const HOUR = 3600_000;

describe('checks API and availability on real Redis', () => {
  const prefix = uniquePrefix('checks-api');
  const events: Envelope<ChannelName>[] = [];
  let app: INestApplication;
  let base: string;
  let bus: RedisEventBus;

  async function startApp(): Promise<void> {
    const config = loadDashboardApiConfig({
      NEO_DASHBOARD_CONFIG: '',
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: prefix,
      NEO_KEY_PREFIX: prefix,
      NEO_LOG_LEVEL: 'silent',
      NEO_HEARTBEAT_INTERVAL_MS: '60000',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    bus = new RedisEventBus(TEST_REDIS_URL, { source: 'test', channelPrefix: prefix });
    for (const channel of [
      'neo.check.definition.v1',
      'neo.check.command.v1',
      'neo.check.regression.v1',
    ] as const) {
      bus.subscribe(channel, (envelope) => void events.push(envelope as Envelope<ChannelName>));
    }
    await bus.start();
    await startApp();
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  const call = (method: string, path: string, body?: unknown) => jsonCall(base, method, path, body);

  it('creates, lists, pauses, runs and deletes API-made checks, never returning secrets', async () => {
    const created = await call('POST', '/api/checks', {
      name: 'api-login',
      url: 'http://127.0.0.1:1/login',
      headers: { authorization: 'Bearer ${env:LOGIN_TOKEN}' },
      interval: '30s',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject<Partial<CheckSummary>>({
      name: 'api-login',
      source: 'api',
      paused: false,
    });
    expect(JSON.stringify(created.json)).not.toContain('LOGIN_TOKEN');
    await waitFor(() => events.find((e) => e.channel === 'neo.check.definition.v1'), {
      description: 'a definition event',
    });

    expect(
      (await call('POST', '/api/checks', { name: 'api-login', url: 'http://127.0.0.1:1/' })).status,
    ).toBe(409);
    expect((await call('POST', '/api/checks', { name: 'bad name!' })).status).toBe(400);

    expect((await call('POST', '/api/checks/api-login/pause')).json).toMatchObject({ paused: true });
    const run = await call('POST', '/api/checks/api-login/run');
    expect(run.status).toBe(202);
    await waitFor(() => events.find((e) => e.channel === 'neo.check.command.v1'), {
      description: 'a run command',
    });

    // Survives a restart: it lives in Redis.
    await app.close();
    await startApp();
    const listed = (await call('GET', '/api/checks')).json as { checks: CheckSummary[] };
    expect(listed.checks.map((c) => [c.name, c.paused])).toEqual([['api-login', true]]);

    expect(
      (await call('PUT', '/api/checks/api-login', { url: 'http://127.0.0.1:2/', interval: '1m' })).json,
    ).toMatchObject({
      definition: { url: 'http://127.0.0.1:2/', interval: '1m' },
    });
    expect((await call('DELETE', '/api/checks/api-login')).status).toBe(204);
    expect((await call('GET', '/api/checks/api-login')).status).toBe(404);
  });

  it("refuses a definition the runners would refuse: 400 naming the field, with the runner's message", async () => {
    const url = 'http://127.0.0.1:1/';
    const cases: Array<[string, Record<string, unknown>, string, string | RegExp]> = [
      [
        'a malformed condition',
        { name: 'c1', url, conditions: ['[STATUS] === 200'] },
        'conditions.0',
        'check "c1": condition "[STATUS] === 200" does not parse at position 12: expected a value',
      ],
      [
        'an unknown placeholder',
        { name: 'c2', url, conditions: ['[STATUS] == 200', '[STAUTS] == 200'] },
        'conditions.1',
        /^check "c2": condition "\[STAUTS\] == 200" does not parse at position 1: unknown placeholder \[STAUTS\]/,
      ],
      [
        'a bad regex in a journey store',
        { name: 'c3', type: 'journey', steps: [{ name: 'login', url, store: { id: '[BODY] =~ /(a/' } }] },
        'steps.0.store.id',
        /^check "c3": store "id" "\[BODY\] =~ \/\(a\/" does not parse at position \d+: not a valid regex/,
      ],
      [
        'a bad duration',
        { name: 'c4', url, interval: '10 seconds' },
        'interval',
        'not a valid duration "10 seconds" (use e.g. 500ms, 10s, 1m30s)',
      ],
      ['an unknown type', { name: 'c5', type: 'ping', url }, 'type', /Invalid discriminator value/],
      ['a missing url', { name: 'c6' }, 'url', /expected string, received undefined/],
      ['an unknown key', { name: 'c7', url, intervall: '1m' }, 'intervall', 'unknown key'],
    ];
    for (const [what, body, field, message] of cases) {
      const res = await call('POST', '/api/checks', body);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      const json = res.json as { issues: Array<{ field: string; message: string }>; message: string };
      expect(json.issues).toEqual([
        { field, message: typeof message === 'string' ? message : expect.stringMatching(message) },
      ]);
      expect(json.message).toContain(`${field}: `);
    }
    // Nothing was stored or announced for them.
    const listed = (await call('GET', '/api/checks')).json as { checks: CheckSummary[] };
    expect(listed.checks.map((c) => c.name).filter((name) => /^c\d$/.test(name))).toEqual([]);

    // An update is validated the same way, and a good definition is still accepted.
    expect(
      (await call('POST', '/api/checks', { name: 'good', url, conditions: ['[STATUS] == 200'] })).status,
    ).toBe(201);
    const bad = await call('PUT', '/api/checks/good', { url, conditions: ['[STATUS] = 200'] });
    expect(bad.status).toBe(400);
    expect((bad.json as { issues: unknown[] }).issues).toEqual([
      {
        field: 'conditions.0',
        message:
          'check "good": condition "[STATUS] = 200" does not parse at position 10: expected an operator (== != <= >= < >)',
      },
    ]);
    expect((await call('GET', '/api/checks/good')).json).toMatchObject({
      definition: { type: 'http', url, conditions: ['[STATUS] == 200'] },
    });
    expect((await call('DELETE', '/api/checks/good')).status).toBe(204);
  });

  it('serves time-based availability without maintenance, percentiles and a regression against the baseline', async () => {
    const now = Date.now();
    const result = (at: number, durationSeconds: number, success = true, state?: string) => ({
      checkId: 'shop',
      name: 'shop',
      kind: 'http' as const,
      target: 'http://127.0.0.1:1/',
      success,
      durationSeconds,
      startedAt: new Date(at).toISOString(),
      intervalSeconds: 60,
      ...(state ? { state: state as 'maintenance' } : {}),
    });
    // Baseline: 200 fast runs over the past days, a few down, some in maintenance (ignored for availability).
    for (let i = 0; i < 200; i++)
      await bus.publish('neo.check.result.v1', result(now - 2 * HOUR - i * 1800_000, 0.01));
    for (let i = 0; i < 10; i++)
      await bus.publish('neo.check.result.v1', result(now - 3 * HOUR, 0.01, false));
    for (let i = 0; i < 20; i++)
      await bus.publish('neo.check.result.v1', result(now - 4 * HOUR, 5, false, 'maintenance'));
    // Last hour: slower.
    for (let i = 0; i < 6; i++) await bus.publish('neo.check.result.v1', result(now - i * 60_000, 0.1));

    const report = await waitFor(
      async () => {
        const r = (await call('GET', '/api/checks/shop/availability')).json as AvailabilityReport;
        return r.windows['30d'].runs === 236 ? r : undefined;
      },
      { description: 'all results recorded', timeoutMs: 15_000 },
    );
    expect(report.windows['24h']).toMatchObject({ downSeconds: 600, maintenanceSeconds: 1200 });
    expect(report.windows['30d'].availability).toBeCloseTo(206 / 216, 6);
    expect(report.windows['7d'].p50Seconds).toBeGreaterThan(0.009);
    expect(report.windows['7d'].p50Seconds).toBeLessThan(0.013);
    expect(report.lastHour).toEqual({ p95Seconds: 0.1, samples: 6 });
    expect(report.regressed).toBe(true);
    const regression = await waitFor(() => events.find((e) => e.channel === 'neo.check.regression.v1'), {
      description: 'a regression event',
    });
    expect(regression.payload).toMatchObject({ name: 'shop', state: 'regressed', p95Seconds: 0.1 });
  });
});
