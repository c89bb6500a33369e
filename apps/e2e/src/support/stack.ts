import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers200, getFreePorts, uniquePrefix } from '@neo/testing';
import { NodeProcess, startService } from './node-process';

export interface StackPorts {
  readonly collector: number;
  readonly alerter: number;
  readonly synthetic: number;
  readonly dashboard: number;
}

export interface StackScenario {
  /** URL of the fake scrape target (`.../metrics`). */
  readonly targetUrl: string;
  /** URL the failing synthetic check probes. */
  readonly failingCheckUrl: string;
  /** Where the alerter POSTs its webhook notifications. */
  readonly webhookUrl: string;
}

export interface StackFiles {
  readonly dir: string;
  readonly env: Record<string, string>;
  readonly ports: StackPorts;
  readonly prefix: string;
}

const FAST = { scrape: '500ms', evaluation: '500ms', check: '1s' };

/**
 * Writes the four config files for one test stack (fast intervals, loopback only, its own ports) and returns
 * the environment that points every service at them.
 */
export async function writeStackConfig(scenario: StackScenario): Promise<StackFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'neo-e2e-'));
  mkdirSync(join(dir, 'rules'));
  const [collector, alerter, synthetic, dashboard, demo] = await getFreePorts(5);
  const ports: StackPorts = { collector, alerter, synthetic, dashboard };
  const target = new URL(scenario.targetUrl);
  writeFileSync(
    join(dir, 'collector.yaml'),
    [
      'scrape_configs:',
      '  - job_name: novel-engine',
      `    scrape_interval: ${FAST.scrape}`,
      '    scrape_timeout: 400ms',
      `    metrics_path: ${target.pathname}`,
      '    static_configs:',
      `      - targets: ['${target.host}']`,
      '        labels: { env: e2e }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'synthetic-runner.yaml'),
    [
      'checks:',
      '  - name: story-api',
      `    url: ${scenario.failingCheckUrl}`,
      `    interval: ${FAST.check}`,
      '    timeout: 500ms',
      '    expected_status: 200',
      '    labels: { service: story-api }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'rules', 'e2e.rules.yaml'),
    [
      'groups:',
      '  - name: story-generation',
      `    interval: ${FAST.evaluation}`,
      '    rules:',
      '      - alert: StoryQueueBacklog',
      '        expr: novel_story_queue_depth > 5',
      '        for: 1s',
      '        labels: { severity: critical, team: stories }',
      '        annotations:',
      '          summary: "Story queue on {{ $labels.instance }} is {{ $value }} deep"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'alerter.yaml'),
    [
      `query: { url: 'http://127.0.0.1:${ports.collector}' }`,
      `global: { evaluation_interval: ${FAST.evaluation} }`,
      "rule_files: ['rules/*.yaml']",
      'route: { receiver: e2e, group_by: [alertname] }',
      'receivers:',
      '  - name: e2e',
      '    webhook_configs:',
      `      - url: ${scenario.webhookUrl}`,
      '        send_resolved: true',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'dashboard-api.yaml'), 'stale_after: 5s\n');

  const prefix = uniquePrefix('e2e');
  const env: Record<string, string> = {
    NEO_COLLECTOR_CONFIG: join(dir, 'collector.yaml'),
    NEO_DATA_DIR: join(dir, 'data'),
    NEO_ALERTER_CONFIG: join(dir, 'alerter.yaml'),
    NEO_SYNTHETIC_CONFIG: join(dir, 'synthetic-runner.yaml'),
    NEO_DASHBOARD_CONFIG: join(dir, 'dashboard-api.yaml'),
    NEO_COLLECTOR_PORT: String(ports.collector),
    NEO_ALERTER_PORT: String(ports.alerter),
    NEO_SYNTHETIC_PORT: String(ports.synthetic),
    NEO_DASHBOARD_PORT: String(ports.dashboard),
    // all-in-one also starts the demo; give it a port of its own so tests never depend on 9183 being free.
    NEO_DEMO_PORT: String(demo),
    NEO_COLLECTOR_HOST: '127.0.0.1',
    NEO_ALERTER_HOST: '127.0.0.1',
    NEO_SYNTHETIC_HOST: '127.0.0.1',
    NEO_DASHBOARD_HOST: '127.0.0.1',
    NEO_KEY_PREFIX: prefix,
    NEO_CHANNEL_PREFIX: prefix,
    NEO_HEARTBEAT_INTERVAL_MS: '500',
    NEO_SHUTDOWN_DRAIN_MS: '200',
    NEO_LOG_LEVEL: 'info',
  };
  return { dir, env, ports, prefix };
}

export const SERVICE_APPS = ['collector', 'alerter', 'synthetic-runner', 'dashboard-api'] as const;

export function readyUrls(ports: StackPorts): string[] {
  return [ports.collector, ports.alerter, ports.synthetic, ports.dashboard].map(
    (port) => `http://127.0.0.1:${port}/health/ready`,
  );
}

/** Starts the four services as separate processes on Redis, as they are deployed. */
export function startSeparateProcesses(files: StackFiles, redisUrl: string): NodeProcess[] {
  return SERVICE_APPS.map((app) => startService(app, { ...files.env, REDIS_URL: redisUrl }));
}

/** Starts the all-in-one process on the in-process bus (no REDIS_URL). */
export function startAllInOne(files: StackFiles): NodeProcess {
  return startService('all-in-one', files.env);
}

export async function allReady(ports: StackPorts): Promise<boolean> {
  const answers = await Promise.all(readyUrls(ports).map((url) => answers200(url)));
  return answers.every(Boolean);
}
