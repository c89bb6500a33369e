import {
  getJson,
  SseClient,
  startFakeScrapeTarget,
  startWebhookReceiver,
  waitFor,
  type FakeScrapeTarget,
  type WebhookReceiver,
} from '@neo/testing';
import type { StackPorts } from './stack';

interface Envelope {
  channel: string;
  payload: Record<string, unknown>;
}

interface WebhookBody {
  version: string;
  status: string;
  receiver: string;
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
}

interface QueryAnswer {
  status: string;
  data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

interface Overview {
  bus: string;
  services: Array<{ service: string; status: string }>;
  targets: Array<{ job: string; health: string; lastError?: string }>;
  checks: Array<{ name: string; success: boolean; error?: string }>;
  alerts: Array<{ rule: string; state: string; labels: Record<string, string> }>;
}

export const QUEUE_METRIC = 'novel_story_queue_depth';

/** The loopback peers a stack talks to: a scrape target, a failing check endpoint and a webhook receiver. */
export class ScenarioPeers {
  private constructor(
    readonly target: FakeScrapeTarget,
    readonly failingEndpoint: FakeScrapeTarget,
    readonly webhook: WebhookReceiver,
  ) {}

  static async start(): Promise<ScenarioPeers> {
    const target = await startFakeScrapeTarget();
    target.setGauge(QUEUE_METRIC, 1, { queue: 'stories' });
    const failing = await startFakeScrapeTarget();
    failing.setStatus(503);
    const webhook = await startWebhookReceiver({ path: '/hooks/neo' });
    return new ScenarioPeers(target, failing, webhook);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.target.stop(), this.failingEndpoint.stop(), this.webhook.stop()]);
  }
}

/**
 * The user-visible story both e2e cases check: the target is scraped, a failing check reaches the overview and
 * the live stream, an alert goes pending, fires, is delivered and resolves, and `up` drops when the target dies.
 */
export interface ScenarioHooks {
  /** Runs while the alert is firing, e.g. to look at where its state is kept. */
  readonly whileFiring?: () => Promise<void>;
}

export async function runAlertingScenario(
  ports: StackPorts,
  peers: ScenarioPeers,
  expectedBus: string,
  hooks: ScenarioHooks = {},
): Promise<void> {
  const collector = `http://127.0.0.1:${ports.collector}`;
  const dashboard = `http://127.0.0.1:${ports.dashboard}`;
  const stream = new SseClient(`${dashboard}/api/events`);
  await stream.connected();
  try {
    const upOf = async () => {
      const answer = await getJson<QueryAnswer>(
        `${collector}/api/v1/query?query=${encodeURIComponent('up{job="novel-engine"}')}`,
      );
      return answer.data.result[0]?.value[1];
    };
    await waitFor(async () => (await upOf()) === '1', {
      timeoutMs: 30_000,
      description: 'up == 1 for the target',
    });

    // A failing check is visible in the overview and on the live stream.
    const overviewWithCheck = await waitFor(
      async () => {
        const overview = await getJson<Overview>(`${dashboard}/api/overview`);
        const check = overview.checks.find((c) => c.name === 'story-api');
        return check && check.success === false ? overview : undefined;
      },
      { timeoutMs: 30_000, description: 'failing check in /api/overview' },
    );
    expect(overviewWithCheck.bus).toBe(expectedBus);
    expect(overviewWithCheck.checks.find((c) => c.name === 'story-api')?.error).toMatch(/503/);
    await waitFor(
      () =>
        stream.messages.some(
          (m) => m.event === 'neo.check.result.v1' && parse(m.data).payload['success'] === false,
        ),
      { timeoutMs: 15_000, description: 'failing check result on the SSE stream' },
    );
    await waitFor(
      async () => {
        const overview = await getJson<Overview>(`${dashboard}/api/overview`);
        return ['collector', 'alerter', 'synthetic-runner', 'dashboard-api'].every((name) =>
          overview.services.some((s) => s.service === name && s.status === 'up'),
        );
      },
      { timeoutMs: 20_000, description: 'all four services up in /api/overview' },
    );

    // The metric crosses the threshold: pending, then firing, then a webhook with the right labels.
    peers.target.setGauge(QUEUE_METRIC, 12, { queue: 'stories' });
    const firing = await peers.webhook.waitForRequest(
      (r) => r.json<WebhookBody>().status === 'firing',
      30_000,
    );
    // The webhook goes straight from the alerter; the stream's copy of the state goes through the bus and the
    // dashboard, and may arrive after it.
    const alertStates = await waitFor(
      () => {
        const states = stream.messages
          .filter((m) => m.event === 'neo.alert.state.v1')
          .map((m) => parse(m.data).payload['state']);
        return states.includes('firing') ? states : undefined;
      },
      { timeoutMs: 15_000, description: 'firing alert state on the SSE stream' },
    );
    expect(alertStates.indexOf('pending')).toBeGreaterThanOrEqual(0);
    expect(alertStates.indexOf('pending')).toBeLessThan(alertStates.indexOf('firing'));
    const body = firing.json<WebhookBody>();
    expect(firing.headers['content-type']).toMatch(/application\/json/);
    expect(body.version).toBe('4');
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0].labels).toMatchObject({
      alertname: 'StoryQueueBacklog',
      severity: 'critical',
      team: 'stories',
      job: 'novel-engine',
      instance: new URL(peers.target.url).host,
      env: 'e2e',
      queue: 'stories',
    });
    expect(body.alerts[0].annotations['summary']).toBe(
      `Story queue on ${new URL(peers.target.url).host} is 12 deep`,
    );
    const overview = await getJson<Overview>(`${dashboard}/api/overview`);
    expect(overview.alerts.some((a) => a.rule === 'StoryQueueBacklog' && a.state === 'firing')).toBe(true);
    await hooks.whileFiring?.();

    // Back under the threshold: the resolved notification arrives.
    peers.target.setGauge(QUEUE_METRIC, 0, { queue: 'stories' });
    const resolved = await peers.webhook.waitForRequest(
      (r) => r.json<WebhookBody>().status === 'resolved',
      30_000,
    );
    expect(resolved.json<WebhookBody>().alerts[0]).toMatchObject({
      status: 'resolved',
      labels: { alertname: 'StoryQueueBacklog' },
    });

    // The target goes away: `up` drops to 0 and the overview shows it down.
    await peers.target.stop();
    await waitFor(async () => (await upOf()) === '0', {
      timeoutMs: 20_000,
      description: 'up == 0 after the target stopped',
    });
    await waitFor(
      async () => {
        const current = await getJson<Overview>(`${dashboard}/api/overview`);
        return current.targets.some((t) => t.job === 'novel-engine' && t.health === 'down');
      },
      { timeoutMs: 10_000, description: 'target down in /api/overview' },
    );
  } finally {
    stream.close();
  }
}

function parse(data: string): Envelope {
  return JSON.parse(data) as Envelope;
}
