import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@neo/config';
import { notificationRoute } from '../notify/notification-route';
import { loadAlerterConfig } from './alerter.config';

const DEFAULT_CONFIG = resolve(__dirname, '../../../../config/alerter.yaml');

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAlerterConfig', () => {
  it('loads the shipped config/alerter.yaml and its rules', () => {
    const config = loadAlerterConfig({ NEO_ALERTER_CONFIG: DEFAULT_CONFIG });
    expect(config.port).toBe(9181);
    expect(config.queryUrl).toBe('http://127.0.0.1:9180');
    const neo = config.ruleGroups.find((g) => g.name === 'neo');
    expect(neo?.intervalMs).toBe(5000);
    expect(neo?.rules.map((r) => [r.name, r.expr, r.forMs, r.labels['severity']])).toEqual([
      ['TargetDown', 'up == 0', 15_000, 'critical'],
      ['CheckFailing', 'probe_success == 0', 10_000, 'warning'],
    ]);
    expect(neo?.rules[0].annotations['summary']).toContain('{{ $labels.instance }}');
    expect(notificationRoute(config)).toEqual({ receiver: 'default', groupBy: ['alertname'], webhooks: [] });
  });

  it('adds NEO_ALERTER_WEBHOOK_URL to the route receiver', () => {
    const config = loadAlerterConfig({
      NEO_ALERTER_CONFIG: DEFAULT_CONFIG,
      NEO_ALERTER_WEBHOOK_URL: 'http://127.0.0.1:5001/hook',
    });
    expect(notificationRoute(config).webhooks).toEqual([
      { url: 'http://127.0.0.1:5001/hook', sendResolved: true },
    ]);
  });

  it('fills defaults for an empty file: no rules, 15s interval, a default receiver', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'neo-alerter-')), 'alerter.yaml');
    writeFileSync(path, '');
    const config = loadAlerterConfig({ NEO_ALERTER_CONFIG: path });
    expect(config.ruleGroups).toEqual([]);
    expect(config.file.global.evaluation_interval).toBe('15s');
    expect(config.file.route).toEqual({ receiver: 'default', group_by: ['alertname'] });
    expect(config.file.receivers).toEqual([{ name: 'default', webhook_configs: [] }]);
  });

  it('names file, line and key of a route to an unknown receiver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neo-alerter-'));
    const path = join(dir, 'alerter.yaml');
    writeFileSync(path, 'route:\n  receiver: team\nreceivers:\n  - name: default\n');
    const error = configError(() => loadAlerterConfig({ NEO_ALERTER_CONFIG: path }));
    expect(error.source).toBe(`${path}:2:13`);
    expect(error.key).toBe('route.receiver');
  });

  it('resolves rule_files relative to the config file and reports errors in them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neo-alerter-'));
    mkdirSync(join(dir, 'rules'));
    const rules = join(dir, 'rules', 'bad.yaml');
    writeFileSync(
      rules,
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]) > 1\n',
    );
    const path = join(dir, 'alerter.yaml');
    writeFileSync(path, 'rule_files: ["rules/*.yaml"]\n');
    const error = configError(() => loadAlerterConfig({ NEO_ALERTER_CONFIG: path }));
    expect(error.source).toBe(`${rules}:5:15`);
    expect(error.key).toBe('groups.0.rules.0.expr');
  });

  it('rejects a bad webhook URL from env', () => {
    expect(
      configError(() => loadAlerterConfig({ NEO_ALERTER_CONFIG: '', NEO_ALERTER_WEBHOOK_URL: 'nope' }))
        .source,
    ).toBe('env NEO_ALERTER_WEBHOOK_URL');
  });
});
