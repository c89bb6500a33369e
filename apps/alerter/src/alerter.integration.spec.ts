import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type Redis from 'ioredis';
import type { Envelope } from '@neo/contracts';
import type { WebhookPayload } from '@neo/domain-alert';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  startWebhookReceiver,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type WebhookReceiver,
} from '@neo/testing';
import { RedisEventBus } from '@neo/transport';
import { AppModule } from './app.module';
import { loadAlerterConfig } from './config/alerter.config';
import type { ApiAlert, ApiRuleGroup } from './api/prometheus-shapes';

/** A loopback stand-in for the collector's query API; the test flips what `up` returns or breaks it. */
class FakeQueryApi {
  readonly up = new Map<string, number>();
  broken = false;
  queries = 0;
  private readonly server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    this.queries++;
    res.setHeader('content-type', 'application/json');
    if (this.broken) {
      res.statusCode = 503;
      res.end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'storage is down' }));
      return;
    }
    const time = Number(url.searchParams.get('time') ?? Date.now() / 1000);
    const result =
      url.pathname === '/api/v1/query' && url.searchParams.get('query') === 'up'
        ? [...this.up].map(([instance, value]) => ({
            metric: { __name__: 'up', job: 'app', instance },
            value: [time, String(value)],
          }))
        : [];
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function writeRules(forDuration: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neo-alerter-it-'));
  writeFileSync(
    join(dir, 'test.rules.yaml'),
    `groups:
  - name: neo
    interval: 100ms
    rules:
      - alert: TargetDown
        expr: up == 0
        for: ${forDuration}
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} is down"
`,
  );
  const config = join(dir, 'alerter.yaml');
  writeFileSync(config, 'rule_files: ["*.rules.yaml"]\n');
  return config;
}

describe('alerter (real Redis, loopback query API and webhook receiver)', () => {
  let queryApi: FakeQueryApi;
  let queryUrl: string;
  let receiver: WebhookReceiver;
  let redis: Redis;
  let prefix: string;
  const apps: INestApplication[] = [];

  async function startAlerter(configFile: string, redisUrl = TEST_REDIS_URL): Promise<string> {
    const config = loadAlerterConfig({
      NEO_ALERTER_CONFIG: configFile,
      REDIS_URL: redisUrl,
      NEO_KEY_PREFIX: prefix,
      NEO_CHANNEL_PREFIX: prefix,
      NEO_ALERTER_QUERY_URL: queryUrl,
      NEO_ALERTER_WEBHOOK_URL: receiver.url,
      NEO_ALERTER_NOTIFY_BACKOFF_MS: '10',
      NEO_LOG_LEVEL: 'warn',
      NEO_HEARTBEAT_INTERVAL_MS: '60000',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    return app.getUrl().then((url) => url.replace('[::1]', '127.0.0.1'));
  }

  async function alerts(base: string): Promise<ApiAlert[]> {
    const body = (await (await fetch(`${base}/api/v1/alerts`)).json()) as { data: { alerts: ApiAlert[] } };
    return body.data.alerts;
  }

  async function metric(base: string, pattern: RegExp): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const match = pattern.exec(text);
    return match ? Number(match[1]) : 0;
  }

  beforeEach(async () => {
    queryApi = new FakeQueryApi();
    queryUrl = await queryApi.start();
    receiver = await startWebhookReceiver();
    redis = await connectTestRedis();
    prefix = uniquePrefix('alerter');
  });

  afterEach(async () => {
    while (apps.length > 0) await apps.pop()?.close();
    await queryApi.stop();
    await receiver.stop();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('goes pending, fires, notifies, survives query errors and sends the resolution', async () => {
    const events: Envelope<'neo.alert.state.v1'>[] = [];
    const bus = new RedisEventBus(TEST_REDIS_URL, { source: 'test', channelPrefix: prefix });
    bus.subscribe('neo.alert.state.v1', (envelope) => {
      events.push(envelope);
    });
    await bus.start();
    try {
      queryApi.up.set('a:1', 0);
      queryApi.up.set('b:1', 1);
      const base = await startAlerter(writeRules('300ms'));

      const pending = await waitFor(async () => (await alerts(base)).find((a) => a.state === 'pending'), {
        description: 'a pending alert',
      });
      expect(pending.labels).toEqual({
        alertname: 'TargetDown',
        instance: 'a:1',
        job: 'app',
        severity: 'critical',
      });
      expect(await redis.hlen(`${prefix}alerts:neo:TargetDown`)).toBe(1);

      const firing = await receiver.waitForRequest((r) => r.json<WebhookPayload>().status === 'firing');
      expect(firing.method).toBe('POST');
      expect(firing.headers['content-type']).toBe('application/json');
      const payload = firing.json<WebhookPayload>();
      expect(payload).toMatchObject({
        version: '4',
        receiver: 'default',
        groupLabels: { alertname: 'TargetDown' },
        groupKey: '{}:{alertname="TargetDown"}',
      });
      expect(payload.alerts).toHaveLength(1);
      expect(payload.alerts[0]).toMatchObject({
        status: 'firing',
        labels: { alertname: 'TargetDown', instance: 'a:1', job: 'app', severity: 'critical' },
        annotations: { summary: 'a:1 is down' },
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: `${queryUrl}/api/v1/query?query=up+%3D%3D+0`,
      });
      expect((await alerts(base)).map((a) => a.state)).toEqual(['firing']);
      expect(
        await metric(base, /^ALERTS\{(?=[^}]*alertstate="firing")(?=[^}]*instance="a:1")[^}]*\} (\S+)$/m),
      ).toBe(1);
      expect(await metric(base, /^neo_alerter_alerts\{state="firing"[^}]*\} (\S+)$/m)).toBe(1);

      // The query API fails: the alert must stay firing, the failure is counted.
      queryApi.up.set('a:1', 1);
      queryApi.broken = true;
      await waitFor(
        async () => (await metric(base, /^neo_alerter_evaluation_failures_total\{[^}]*\} (\S+)$/m)) >= 2,
        {
          description: 'failed evaluations',
        },
      );
      expect((await alerts(base)).map((a) => a.state)).toEqual(['firing']);
      expect(receiver.requests.filter((r) => r.json<WebhookPayload>().status === 'resolved')).toEqual([]);
      const rules = (await (await fetch(`${base}/api/v1/rules`)).json()) as {
        data: { groups: ApiRuleGroup[] };
      };
      expect(rules.data.groups[0].rules[0]).toMatchObject({
        name: 'TargetDown',
        state: 'firing',
        health: 'err',
      });
      expect(rules.data.groups[0].rules[0].lastError).toContain('storage is down');

      queryApi.broken = false;
      const resolved = await receiver.waitForRequest((r) => r.json<WebhookPayload>().status === 'resolved');
      expect(resolved.json<WebhookPayload>().alerts[0]).toMatchObject({
        status: 'resolved',
        labels: { alertname: 'TargetDown', instance: 'a:1' },
      });
      expect(resolved.json<WebhookPayload>().alerts[0].endsAt).not.toBe('0001-01-01T00:00:00Z');
      await waitFor(async () => (await alerts(base)).length === 0, { description: 'no active alerts' });
      expect(await redis.exists(`${prefix}alerts:neo:TargetDown`)).toBe(0);

      await waitFor(() => events.length >= 3, { description: 'three alert events' });
      expect(events.map((e) => [e.payload.previousState, e.payload.state])).toEqual([
        ['inactive', 'pending'],
        ['pending', 'firing'],
        ['firing', 'resolved'],
      ]);
      expect(events[0]).toMatchObject({ source: 'alerter', payload: { group: 'neo', rule: 'TargetDown' } });
    } finally {
      await bus.close();
    }
  });

  it('keeps a pending alert and its activeAt across a restart on the same Redis prefix', async () => {
    queryApi.up.set('a:1', 0);
    const rules = writeRules('1h');
    const first = await startAlerter(rules);
    const pending = await waitFor(async () => (await alerts(first)).find((a) => a.state === 'pending'), {
      description: 'a pending alert',
    });
    await apps.pop()?.close();

    const second = await startAlerter(rules);
    await waitFor(
      async () => (await metric(second, /^neo_alerter_evaluations_total\{[^}]*\} (\S+)$/m)) >= 2,
      {
        description: 'evaluations after the restart',
      },
    );
    const after = await alerts(second);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ state: 'pending', activeAt: pending.activeAt, labels: pending.labels });
  });

  it('keeps state in memory on the in-process bus (all-in-one without Redis)', async () => {
    queryApi.up.set('a:1', 0);
    // The transport allows the in-process bus only inside the all-in-one process.
    process.env['NEO_ALL_IN_ONE'] = '1';
    try {
      const base = await startAlerter(writeRules('0s'), '');
      await receiver.waitForRequest((r) => r.json<WebhookPayload>().status === 'firing');
      expect((await alerts(base)).map((a) => a.state)).toEqual(['firing']);
      expect(await redis.exists(`${prefix}alerts:neo:TargetDown`)).toBe(0);
    } finally {
      delete process.env['NEO_ALL_IN_ONE'];
    }
  });
});
