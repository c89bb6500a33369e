import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDashboardApiConfig } from './dashboard-api.config';

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'neo-dashboard-')), 'dashboard-api.yaml');
  writeFileSync(path, text);
  return path;
}

describe('dashboard-api config', () => {
  it('defaults to port 8080, stale_after 15s and a 15s keep-alive', () => {
    const config = loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: yamlFile('{}\n') });
    expect(config).toMatchObject({ port: 8080, staleAfter: '15s', sseKeepAlive: '15s', redisUrl: '' });
  });

  it('reads the server section and stale_after from the file, and env wins over the file', () => {
    const path = yamlFile('server:\n  port: 18080\nstale_after: 1m\nsse:\n  keep_alive: 5s\n');
    expect(loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path })).toMatchObject({
      port: 18080,
      staleAfter: '1m',
      sseKeepAlive: '5s',
    });
    expect(
      loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path, NEO_DASHBOARD_STALE_AFTER: '30s' }).staleAfter,
    ).toBe('30s');
  });

  it('reads the query API from the file, the env winning, and defaults to the collector', () => {
    expect(loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: yamlFile('{}\n') })).toMatchObject({
      queryUrl: 'http://127.0.0.1:9180',
      queryTimeoutMs: 10_000,
    });
    const path = yamlFile('query:\n  url: http://prom:9090\n  timeout_ms: 2500\n');
    expect(loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path })).toMatchObject({
      queryUrl: 'http://prom:9090',
      queryTimeoutMs: 2500,
    });
    expect(
      loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path, NEO_DASHBOARD_QUERY_URL: 'http://mimir:8080' })
        .queryUrl,
    ).toBe('http://mimir:8080');
  });

  it('names the file, line and key of a bad duration', () => {
    const path = yamlFile('server:\n  port: 18080\nstale_after: soon\n');
    expect(() => loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path })).toThrow(
      new RegExp(`${path}:3:\\d+: key 'stale_after': must be a positive duration`),
    );
  });

  it('refuses unknown top-level keys with their location', () => {
    const path = yamlFile('stale_after: 15s\ntargets: []\n');
    expect(() => loadDashboardApiConfig({ NEO_DASHBOARD_CONFIG: path })).toThrow(
      /dashboard-api\.yaml:\d+:\d+: .*targets/,
    );
  });

  it('ships a default config/dashboard-api.yaml that loads', () => {
    const config = loadDashboardApiConfig({
      NEO_DASHBOARD_CONFIG: join(__dirname, '../../../../config/dashboard-api.yaml'),
    });
    expect(config).toMatchObject({ port: 8080, staleAfter: '15s' });
  });
});
