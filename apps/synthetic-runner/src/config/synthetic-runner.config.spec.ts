import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@neo/config';
import { loadSyntheticRunnerConfig } from './synthetic-runner.config';

function writeYaml(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'neo-synthetic-')), 'synthetic-runner.yaml');
  writeFileSync(path, text);
  return path;
}

function load(text: string) {
  return loadSyntheticRunnerConfig({ NEO_SYNTHETIC_CONFIG: writeYaml(text) });
}

function configError(text: string): { error: ConfigError; path: string } {
  const path = writeYaml(text);
  try {
    loadSyntheticRunnerConfig({ NEO_SYNTHETIC_CONFIG: path });
  } catch (error) {
    if (error instanceof ConfigError) return { error, path };
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('synthetic-runner config', () => {
  it('fills in the documented defaults', () => {
    const config = load('checks:\n  - name: api\n    url: http://127.0.0.1:1/health\n');
    expect(config.port).toBe(9182);
    expect(config.file.checks).toMatchObject([
      {
        kind: 'http',
        name: 'api',
        url: 'http://127.0.0.1:1/health',
        method: 'GET',
        headers: {},
        intervalMs: 30_000,
        timeoutMs: 10_000,
        expectedStatus: '2xx',
        labels: {},
        conditions: [],
        retries: 0,
        jitterMs: 0,
        maintenance: [],
        followRedirects: true,
        maxRedirects: 10,
        tlsVerify: true,
        ipFamily: 'any',
      },
    ]);
  });

  it('reads every key of a check', () => {
    const config = load(
      [
        'checks:',
        '  - name: login',
        '    url: https://example.test/login',
        '    method: post',
        '    headers: { content-type: application/json }',
        '    body: \'{"user":"probe"}\'',
        '    interval: 1m',
        '    timeout: 1500ms',
        '    expected_status: [200, 201]',
        '    max_latency: 800ms',
        '    labels: { team: web }',
        '  - name: teapot',
        '    url: http://127.0.0.1:1/',
        '    expected_status: 418',
      ].join('\n'),
    );
    expect(config.file.checks[0]).toMatchObject({
      name: 'login',
      url: 'https://example.test/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"probe"}',
      intervalMs: 60_000,
      timeoutMs: 1500,
      expectedStatus: [200, 201],
      maxLatencyMs: 800,
      labels: { team: 'web' },
    });
    expect(config.file.checks[1]).toMatchObject({ expectedStatus: [418] });
  });

  it('loads the shipped default file: the health endpoints of the four services and the demo', () => {
    const config = loadSyntheticRunnerConfig({
      NEO_SYNTHETIC_CONFIG: resolve(__dirname, '../../../../config/synthetic-runner.yaml'),
    });
    expect(
      config.file.checks.map((check) => [check.kind === 'http' ? check.url : '', check.labels['service']]),
    ).toEqual([
      ['http://127.0.0.1:9180/health/ready', 'collector'],
      ['http://127.0.0.1:9181/health/ready', 'alerter'],
      ['http://127.0.0.1:9182/health/ready', 'synthetic-runner'],
      ['http://127.0.0.1:8080/health/ready', 'dashboard-api'],
      ['http://127.0.0.1:9183/health/ready', 'novel-engine-demo'],
    ]);
    for (const check of config.file.checks) {
      expect(check).toMatchObject({ intervalMs: 10_000, timeoutMs: 3000, maxLatencyMs: 2000 });
    }
  });

  it('loads config/docker/synthetic-runner.yaml used by docker/compose.yaml', () => {
    const config = loadSyntheticRunnerConfig({
      NEO_SYNTHETIC_CONFIG: resolve(__dirname, '../../../../config/docker/synthetic-runner.yaml'),
    });
    expect(config.file.checks.map((check) => check.name)).toEqual([
      'collector-ready',
      'alerter-ready',
      'synthetic-runner-ready',
      'dashboard-api-ready',
    ]);
  });

  it('names file, line and key of a bad duration', () => {
    const { error, path } = configError(
      'checks:\n  - name: a\n    url: http://127.0.0.1:1/\n  - name: b\n    url: http://127.0.0.1:2/\n    interval: 10 seconds\n',
    );
    expect(error.message).toContain(`${path}:6:`);
    expect(error.key).toBe('checks.1.interval');
    expect(error.reason).toContain('not a valid duration "10 seconds"');
  });

  it('rejects URLs that are not http or https', () => {
    for (const url of ['ftp://127.0.0.1/file', 'not a url', '/health']) {
      const { error, path } = configError(`checks:\n  - name: a\n    url: ${url}\n`);
      expect(error.message).toContain(`${path}:3:`);
      expect(error.key).toBe('checks.0.url');
    }
  });

  it('points at the second use of a duplicate name', () => {
    const { error, path } = configError(
      'checks:\n  - name: api\n    url: http://127.0.0.1:1/\n  - name: api\n    url: http://127.0.0.1:2/\n',
    );
    expect(error.message).toContain(`${path}:4:`);
    expect(error.key).toBe('checks.1.name');
    expect(error.reason).toContain('duplicate check name "api"');
  });

  it('requires timeout shorter than interval', () => {
    const { error, path } = configError(
      'checks:\n  - name: api\n    url: http://127.0.0.1:1/\n    interval: 5s\n    timeout: 5s\n',
    );
    expect(error.message).toContain(`${path}:5:`);
    expect(error.key).toBe('checks.0.timeout');
  });

  it('requires a timeout shorter than the default interval too', () => {
    const { error } = configError('checks:\n  - name: api\n    url: http://127.0.0.1:1/\n    timeout: 1m\n');
    expect(error.key).toBe('checks.0.timeout');
  });

  it('rejects unknown keys, bad methods, bad label names, bad status codes and GET bodies', () => {
    const cases: Array<[string, string]> = [
      ['    intervall: 10s\n', 'checks.0'],
      ['    method: FETCH\n', 'checks.0.method'],
      ['    labels: { "bad-name": x }\n', 'checks.0.labels.bad-name'],
      ['    expected_status: 2000\n', 'checks.0.expected_status'],
      ['    body: hello\n', 'checks.0.body'],
      ['    max_latency: 0\n', 'checks.0.max_latency'],
    ];
    for (const [line, key] of cases) {
      const { error, path } = configError(`checks:\n  - name: api\n    url: http://127.0.0.1:1/\n${line}`);
      expect(error.key).toBe(key);
      expect(error.message).toContain(path);
    }
  });

  it('rejects a check without a name or URL', () => {
    expect(configError('checks:\n  - url: http://127.0.0.1:1/\n').error.key).toBe('checks.0.name');
    expect(configError('checks:\n  - name: api\n').error.key).toBe('checks.0.url');
  });

  it('names check, file and position of a condition that does not parse', () => {
    const { error, path } = configError(
      'checks:\n  - name: api\n    url: http://127.0.0.1:1/\n    conditions:\n      - "[STATUS] == 200"\n      - "[STATUS] = 200"\n',
    );
    expect(error.message).toContain(`${path}:6:`);
    expect(error.key).toBe('checks.0.conditions.1');
    expect(error.reason).toContain('check "api": condition "[STATUS] = 200" does not parse at position 10');
  });

  it('reads every check type, maintenance windows and journey stores', () => {
    const config = load(
      [
        'checks:',
        '  - { name: t, type: tcp, host: 127.0.0.1, port: 1 }',
        '  - { name: d, type: dns, query: a.test, record_type: A, server: "127.0.0.1:53", expected_answers: [1.2.3.4] }',
        '  - { name: s, type: tls, host: 127.0.0.1, port: 443, tls_verify: false, conditions: ["[CERTIFICATE_EXPIRATION] > 72h"] }',
        '  - { name: p, type: push, token: "${env:PUSH_TOKEN}", interval: 1m }',
        '  - name: j',
        '    type: journey',
        '    maintenance:',
        '      - { start: "2030-01-01T00:00:00Z", end: "2030-01-01T01:00:00Z", mode: pause }',
        '      - { every: [mon, fri], at: "02:30", duration: 1h, timezone: Europe/Berlin }',
        '    steps:',
        '      - { name: login, url: "http://127.0.0.1:1/login", method: POST, body: "{}", store: { token: "[BODY].token" } }',
        '      - { name: me, url: "http://127.0.0.1:1/me?t={{token}}", headers: { authorization: "Bearer {{token}}" } }',
        '      - { name: logout, url: "http://127.0.0.1:1/logout", always: true }',
      ].join('\n'),
    );
    expect(config.file.checks.map((check) => check.kind)).toEqual(['tcp', 'dns', 'tls', 'push', 'journey']);
    const journey = config.file.checks[4];
    expect(journey).toMatchObject({
      maintenance: [
        { type: 'once', mode: 'pause' },
        {
          type: 'recurring',
          days: [1, 5],
          startMinute: 150,
          durationMs: 3600_000,
          timeZone: 'Europe/Berlin',
          mode: 'mute',
        },
      ],
      steps: [
        { name: 'login', store: { token: '[BODY].token' } },
        { name: 'me' },
        { name: 'logout', always: true },
      ],
    });
  });

  it('rejects a bad store expression, time zone and network', () => {
    const store = configError(
      'checks:\n  - name: j\n    type: journey\n    steps:\n      - { name: a, url: "http://127.0.0.1:1/", store: { t: "[BODDY].x" } }\n',
    );
    expect(store.error.key).toBe('checks.0.steps.0.store.t');
    expect(store.error.reason).toContain('check "j": store "t"');
    const zone = configError(
      'checks:\n  - name: a\n    url: http://127.0.0.1:1/\n    maintenance: [{ every: daily, at: "01:00", duration: 1h, timezone: Mars/Base }]\n',
    );
    expect(zone.error.key).toBe('checks.0.maintenance.0.timezone');
    const network = configError('security:\n  deny_networks: [not-a-net]\n');
    expect(network.error.key).toBe('security.deny_networks');
  });
});
