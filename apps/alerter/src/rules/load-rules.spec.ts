import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@neo/config';
import { loadRuleFile, loadRuleFiles } from './load-rules';
import { resolveRuleFiles } from './resolve-rule-files';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'neo-rules-'));
}

function write(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const GOOD = `groups:
  - name: neo
    interval: 30s
    rules:
      - alert: TargetDown
        expr: up == 0
        for: 15s
        keep_firing_for: 1m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} is down"
  - name: checks
    rules:
      - alert: CheckFailing
        expr: probe_success
`;

describe('loadRuleFile', () => {
  it('turns a Prometheus rule file into groups with parsed durations and queries', () => {
    const path = write(dir(), 'neo.rules.yaml', GOOD);
    const [neo, checks] = loadRuleFile(path, 5000);
    expect(neo).toMatchObject({ name: 'neo', file: path, intervalMs: 30_000 });
    expect(neo.rules[0]).toMatchObject({
      name: 'TargetDown',
      expr: 'up == 0',
      forMs: 15_000,
      keepFiringForMs: 60_000,
      labels: { severity: 'critical' },
      annotations: { summary: '{{ $labels.instance }} is down' },
      query: { selector: 'up', comparison: { op: '==', threshold: 0 } },
    });
    expect(checks).toMatchObject({ intervalMs: 5000, rules: [{ name: 'CheckFailing', forMs: 0 }] });
  });

  it('names file, line and key of an unsupported expression', () => {
    const path = write(
      dir(),
      'bad.yaml',
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(x) > 1\n',
    );
    const error = configError(() => loadRuleFile(path, 5000));
    expect(error.source).toBe(`${path}:5:15`);
    expect(error.key).toBe('groups.0.rules.0.expr');
    expect(error.message).toContain("'selector <op> number'");
  });

  it('rejects recording rules clearly', () => {
    const path = write(
      dir(),
      'rec.yaml',
      'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: up\n',
    );
    const error = configError(() => loadRuleFile(path, 5000));
    expect(error.key).toBe('groups.0.rules.0.record');
    expect(error.message).toMatch(/recording rules are not supported/);
    expect(error.source).toContain(`${path}:4:`);
  });

  it('rejects bad durations, unknown keys and duplicate alerts in a group', () => {
    const folder = dir();
    const badFor = write(
      folder,
      'a.yaml',
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        for: soon\n',
    );
    expect(configError(() => loadRuleFile(badFor, 5000)).key).toBe('groups.0.rules.0.for');
    const unknown = write(folder, 'b.yaml', 'groups:\n  - name: g\n    rulez: []\n');
    expect(configError(() => loadRuleFile(unknown, 5000)).message).toMatch(/rulez/);
    const dup = write(
      folder,
      'c.yaml',
      'groups:\n  - name: g\n    rules:\n      - {alert: A, expr: up}\n      - {alert: A, expr: up}\n',
    );
    expect(configError(() => loadRuleFile(dup, 5000)).key).toBe('groups.0.rules.1.alert');
  });
});

describe('loadRuleFiles and resolveRuleFiles', () => {
  it('expands globs relative to the config folder, in name order', () => {
    const folder = dir();
    mkdirSync(join(folder, 'rules'));
    write(join(folder, 'rules'), 'b.yaml', 'groups:\n  - name: b\n    rules: []\n');
    write(join(folder, 'rules'), 'a.yaml', 'groups:\n  - name: a\n    rules: []\n');
    write(join(folder, 'rules'), 'notes.txt', 'not a rule file');
    const files = resolveRuleFiles(['rules/*.yaml', 'rules/none-*.yaml'], folder, 'alerter.yaml');
    expect(files).toEqual([join(folder, 'rules', 'a.yaml'), join(folder, 'rules', 'b.yaml')]);
    expect(loadRuleFiles(files, 1000).map((g) => g.name)).toEqual(['a', 'b']);
  });

  it('refuses the same group name in two files', () => {
    const folder = dir();
    const first = write(folder, 'one.yaml', 'groups:\n  - name: same\n');
    const second = write(folder, 'two.yaml', 'groups:\n  - name: other\n  - name: same\n');
    const error = configError(() => loadRuleFiles([first, second], 1000));
    expect(error.source).toBe(`${second}:3:11`);
    expect(error.message).toContain(first);
  });

  it('fails on a missing literal file and on wildcards in folders', () => {
    expect(
      configError(() => loadRuleFiles(resolveRuleFiles(['missing.yaml'], dir(), 'x'), 1000)).message,
    ).toMatch(/cannot read file/);
    expect(configError(() => resolveRuleFiles(['*/x.yaml'], dir(), 'cfg.yaml:3')).key).toBe('rule_files.0');
  });
});
