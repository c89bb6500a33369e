import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  startLoopbackServer,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
  type LoopbackServer,
} from '@neo/testing';
import { AppModule } from '../app.module';
import { loadCollectorConfig } from '../config/collector.config';
import { ScrapeService } from './scrape.service';

const TOKEN = 's3cret-token';
const PASSWORD = 'pa55word';

interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}

/** Targets that check their Authorization header and answer in the format the Accept header prefers. */
async function authTarget(expected: string, metric: string): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => {
    if (request.headers['authorization'] !== expected) {
      response.writeHead(401).end('unauthorized');
      return;
    }
    if (String(request.headers['accept']).startsWith('application/openmetrics-text')) {
      response.writeHead(200, {
        'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8',
      });
      response.end(`# TYPE ${metric} gauge\n# HELP ${metric} A test gauge.\n${metric}{src="om"} 1\n# EOF\n`);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(`${metric}{src="text"} 1\n`);
    }
  });
}

describe('scraping with file discovery, relabelling and auth over real HTTP', () => {
  let bearerA: LoopbackServer;
  let bearerB: LoopbackServer;
  let basic: LoopbackServer;
  let app: INestApplication;
  let base: string;
  let sdFile: string;

  const host = (server: LoopbackServer) => `127.0.0.1:${server.port}`;
  const writeTargets = (groups: unknown) => writeFileSync(sdFile, JSON.stringify(groups));
  const targets = async () =>
    ((await (await fetch(`${base}/api/v1/targets`)).json()) as { data: { activeTargets: Target[] } }).data
      .activeTargets;
  const query = async (q: string) =>
    (
      (await (await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
        data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      }
    ).data.result;

  beforeAll(async () => {
    bearerA = await authTarget(`Bearer ${TOKEN}`, 'sd_gauge');
    bearerB = await authTarget(`Bearer ${TOKEN}`, 'sd_gauge');
    basic = await authTarget(`Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`, 'basic_gauge');
    const dir = mkdtempSync(join(tmpdir(), 'collector-sd-'));
    mkdirSync(join(dir, 'targets'));
    sdFile = join(dir, 'targets', 'api.json');
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    writeTargets([
      { targets: [host(bearerA), host(bearerB)], labels: { team: 'core', keep: 'yes' } },
      { targets: ['127.0.0.1:1'], labels: { keep: 'no' } },
    ]);
    writeFileSync(
      join(dir, 'collector.yaml'),
      `scrape_configs:
  - job_name: sd
    scrape_interval: 300ms
    scrape_timeout: 250ms
    authorization: { credentials_file: ${join(dir, 'token')} }
    file_sd_configs:
      - files: ['${join(dir, 'targets', '*.json')}']
        refresh_interval: 1h
    relabel_configs:
      - { action: keep, source_labels: [keep], regex: 'yes' }
      - { source_labels: [team], target_label: owner, replacement: 'team-\${1}' }
      - { action: labelmap, regex: '__meta_(filepath)', replacement: 'sd_\${1}' }
      - { source_labels: [sd_filepath], regex: '.*', target_label: sd_filepath, replacement: '' }
  - job_name: basic
    scrape_interval: 300ms
    scrape_timeout: 250ms
    basic_auth: { username: ops, password_env: NEO_TEST_SCRAPE_PASSWORD }
    static_configs: [{ targets: ['${host(basic)}'] }]
`,
    );
    process.env['NEO_TEST_SCRAPE_PASSWORD'] = PASSWORD;
    const config = loadCollectorConfig({
      NEO_COLLECTOR_CONFIG: join(dir, 'collector.yaml'),
      NEO_DATA_DIR: join(dir, 'data'),
      REDIS_URL: TEST_REDIS_URL,
      NEO_CHANNEL_PREFIX: uniquePrefix('collector-sd'),
      NEO_LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    delete process.env['NEO_TEST_SCRAPE_PASSWORD'];
    await Promise.all([bearerA?.stop(), bearerB?.stop(), basic?.stop()]);
  });

  it('scrapes the discovered targets kept by relabelling, with their auth, in OpenMetrics', async () => {
    const all = await waitFor(
      async () => {
        const list = await targets();
        return list.length === 3 && list.every((t) => t.health === 'up') && list;
      },
      { description: 'three healthy targets', timeoutMs: 10_000 },
    );
    expect(all.map((t) => t.labels['instance']).sort()).toEqual(
      [host(basic), host(bearerA), host(bearerB)].sort(),
    );
    const sd = all.find((t) => t.labels['instance'] === host(bearerA));
    expect(sd?.labels).toEqual({
      instance: host(bearerA),
      job: 'sd',
      keep: 'yes',
      team: 'core',
      owner: 'team-core',
    });
    // The secrets are sent, never shown.
    expect(JSON.stringify(all)).not.toContain(TOKEN);
    expect(JSON.stringify(all)).not.toContain(PASSWORD);

    const series = await query('sd_gauge');
    expect(series.map((s) => s.metric['src'])).toEqual(['om', 'om']);
    expect(await query('basic_gauge{job="basic"}')).toHaveLength(1);
    const metadata = (await (await fetch(`${base}/api/v1/metadata?metric=sd_gauge`)).json()) as {
      data: Record<string, unknown>;
    };
    expect(metadata.data).toEqual({ sd_gauge: [{ type: 'gauge', help: 'A test gauge.', unit: '' }] });
  });

  it('follows a changed target file: a removed target stops and its series go stale', async () => {
    writeTargets([{ targets: [host(bearerB)], labels: { team: 'core', keep: 'yes' } }]);
    await app.get(ScrapeService).refreshDiscovery();
    expect((await targets()).map((t) => t.labels['instance']).sort()).toEqual(
      [host(basic), host(bearerB)].sort(),
    );
    // The staleness marker hides the removed target at once instead of after the 5 minute lookback.
    expect((await query('up{job="sd"}')).map((s) => s.metric['instance'])).toEqual([host(bearerB)]);
    expect((await query('sd_gauge')).map((s) => s.metric['instance'])).toEqual([host(bearerB)]);
  });
});
