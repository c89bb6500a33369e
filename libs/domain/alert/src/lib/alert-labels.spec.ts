import type { AlertRule } from './alert';
import { alertAnnotations, alertLabels } from './alert-labels';

const rule: AlertRule = {
  name: 'InstanceDown',
  expr: 'up == 0',
  forMs: 0,
  keepFiringForMs: 0,
  labels: { severity: 'page', team: '{{ $labels.job }}-oncall', instance: '{{ $labels.missing }}' },
  annotations: { summary: '{{ $labels.__name__ }} on {{ $labels.instance }} is {{ $value }}' },
};

describe('alertLabels', () => {
  it('drops __name__, adds templated rule labels and alertname, sorted', () => {
    const labels = alertLabels(rule, { labels: { __name__: 'up', job: 'api', env: 'prod' }, value: 0 });
    expect(labels).toEqual({
      alertname: 'InstanceDown',
      env: 'prod',
      job: 'api',
      severity: 'page',
      team: 'api-oncall',
    });
    expect(Object.keys(labels)).toEqual(['alertname', 'env', 'job', 'severity', 'team']);
  });

  it('lets rule labels override result labels and removes labels templated to empty', () => {
    const labels = alertLabels(rule, { labels: { severity: 'info', instance: 'a:1', job: 'x' }, value: 0 });
    expect(labels['severity']).toBe('page');
    expect(labels).not.toHaveProperty('instance');
  });

  it('always sets alertname to the rule name', () => {
    expect(alertLabels(rule, { labels: { alertname: 'Other' }, value: 0 })['alertname']).toBe('InstanceDown');
  });
});

describe('alertAnnotations', () => {
  it('templates with the full result labels, __name__ included, and the value', () => {
    expect(alertAnnotations(rule, { labels: { __name__: 'up', instance: 'a:1' }, value: 0 })).toEqual({
      summary: 'up on a:1 is 0',
    });
  });
});
