import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@neo/config';
import { buildTarget } from '../scrape/build-target';
import { resolveJobs } from '../scrape/scrape-job';
import type { CollectorFile } from './collector-file.schema';

// The targets of static_configs, as the scrape manager builds them.
function resolveTargets(file: CollectorFile) {
  return resolveJobs(file).flatMap((job) =>
    job.staticGroups.flatMap((group) =>
      group.targets.map((address) => buildTarget(job, address, group.labels)),
    ),
  );
}
import { loadCollectorConfig } from './collector.config';

function fileWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'collector-config-')), 'collector.yaml');
  writeFileSync(path, text);
  return path;
}

function loadText(text: string) {
  return loadCollectorConfig({ NEO_COLLECTOR_CONFIG: fileWith(text) });
}

function errorOf(text: string): ConfigError {
  try {
    loadText(text);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a config error');
}

describe('collector config', () => {
  it('loads the default config/collector.yaml: the four NEO services and the demo at 5s', () => {
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: join(__dirname, '../../../../config/collector.yaml'),
    });
    const targets = resolveTargets(config.file);
    expect(targets.map((t) => t?.instance)).toEqual([
      '127.0.0.1:9180',
      '127.0.0.1:9181',
      '127.0.0.1:9182',
      '127.0.0.1:8080',
      '127.0.0.1:9183',
    ]);
    expect(targets.map((t) => t?.job)).toEqual(['neo', 'neo', 'neo', 'neo', 'novel-engine-demo']);
    expect(targets.every((t) => t?.intervalMs === 5000)).toBe(true);
    expect(config.retentionMs).toBe(15 * 86_400_000);
    expect(config.dataDir).toBe('./data');
  });

  it('loads config/docker/collector.yaml used by docker/compose.yaml', () => {
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: join(__dirname, '../../../../config/docker/collector.yaml'),
    });
    expect(resolveTargets(config.file).map((t) => t?.instance)).toEqual([
      'collector:9180',
      'alerter:9181',
      'synthetic-runner:9182',
      'dashboard-api:8080',
    ]);
  });

  it('applies Prometheus defaults and builds scrape URLs and labels', () => {
    const config = loadText(`
storage:
  retention: 1h
  retention_size: 2GB
scrape_configs:
  - job_name: api
    scheme: https
    metrics_path: /prom
    static_configs:
      - targets: ['a:9000']
        labels: { env: prod }
  - job_name: fast
    scrape_interval: 2s
    static_configs:
      - targets: ['b:1']
`);
    expect(config.retentionMs).toBe(3_600_000);
    expect(config.retentionBytes).toBe(2 * 1024 ** 3);
    expect(resolveTargets(config.file)).toMatchObject([
      {
        labels: { env: 'prod', job: 'api', instance: 'a:9000' },
        job: 'api',
        instance: 'a:9000',
        scrapeUrl: 'https://a:9000/prom',
        intervalMs: 15_000,
        timeoutMs: 10_000,
      },
      {
        labels: { job: 'fast', instance: 'b:1' },
        job: 'fast',
        instance: 'b:1',
        scrapeUrl: 'http://b:1/metrics',
        intervalMs: 2000,
        timeoutMs: 2000,
      },
    ]);
  });

  it('names file, line and key of a typo', () => {
    const error = errorOf(`scrape_configs:
  - job_name: api
    scrape_intervall: 5s
`);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/collector\.yaml:2:\d+/);
    expect(error.message).toMatch(/scrape_intervall/);
  });

  it('rejects a timeout longer than the interval at the timeout key', () => {
    const error = errorOf(`scrape_configs:
  - job_name: api
    scrape_interval: 5s
    scrape_timeout: 10s
    static_configs: [{ targets: ['a:1'] }]
`);
    expect(error.message).toMatch(
      /collector\.yaml:4:\d+.*scrape_configs\.0\.scrape_timeout.*must not exceed/,
    );
  });

  it.each([
    ['a bad duration', `scrape_configs:\n  - job_name: api\n    scrape_interval: often\n`, /scrape_interval/],
    [
      'a URL as target',
      `scrape_configs:\n  - job_name: api\n    static_configs: [{ targets: ['http://a:1/metrics'] }]\n`,
      /targets\.0.*host:port/,
    ],
    ['a duplicate job', `scrape_configs:\n  - job_name: a\n  - job_name: a\n`, /duplicate job_name/],
    ['a bad retention', `storage:\n  retention: forever\n`, /storage\.retention/],
    ['a bad retention size', `storage:\n  retention_size: 2 gigs\n`, /storage\.retention_size/],
  ])('rejects %s', (_what, text, message) => {
    expect(errorOf(text).message).toMatch(message);
  });
});
