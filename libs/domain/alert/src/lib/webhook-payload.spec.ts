import type { NotifiableAlert } from './notifiable';
import { buildWebhookPayload, formatLabelSet } from './webhook-payload';

const alert = (status: NotifiableAlert['status'], instance: string, summary = 'down'): NotifiableAlert => ({
  status,
  labels: { alertname: 'InstanceDown', instance, severity: 'page' },
  annotations: { summary, runbook: 'http://rb' },
  startsAt: '2024-01-01T00:00:00Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2024-01-01T00:05:00Z',
  generatorURL: 'http://neo/graph',
  fingerprint: instance.padEnd(16, '0'),
});

describe('formatLabelSet', () => {
  it('prints sorted, comma-space separated, Go-quoted pairs', () => {
    expect(formatLabelSet({ b: 'x"y', a: '1\n' })).toBe('{a="1\\n", b="x\\"y"}');
    expect(formatLabelSet({})).toBe('{}');
    expect(formatLabelSet({ a: 'x\\\ty\u0001' })).toBe('{a="x\\\\\\ty\\x01"}');
  });
});

describe('buildWebhookPayload', () => {
  const base = { receiver: 'team-x', groupLabels: { alertname: 'InstanceDown' }, externalURL: 'http://am' };

  it('builds a version 4 body with common labels and annotations', () => {
    const payload = buildWebhookPayload({
      ...base,
      alerts: [alert('firing', 'a'), alert('resolved', 'b', 'gone')],
    });
    expect(payload).toEqual({
      version: '4',
      groupKey: '{}:{alertname="InstanceDown"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'team-x',
      groupLabels: { alertname: 'InstanceDown' },
      commonLabels: { alertname: 'InstanceDown', severity: 'page' },
      commonAnnotations: { runbook: 'http://rb' },
      externalURL: 'http://am',
      alerts: [alert('firing', 'a'), alert('resolved', 'b', 'gone')],
    });
  });

  it('is resolved when no alert fires', () => {
    expect(buildWebhookPayload({ ...base, alerts: [alert('resolved', 'a')] }).status).toBe('resolved');
  });

  it('truncates to maxAlerts but computes status and common labels over all alerts', () => {
    const payload = buildWebhookPayload({
      ...base,
      maxAlerts: 1,
      alerts: [alert('resolved', 'a'), alert('firing', 'b'), alert('firing', 'c')],
    });
    expect(payload.alerts.map((a) => a.labels['instance'])).toEqual(['a']);
    expect(payload.truncatedAlerts).toBe(2);
    expect(payload.status).toBe('firing');
    expect(payload.commonLabels).not.toHaveProperty('instance');
  });

  it('keeps every alert when maxAlerts is 0', () => {
    const payload = buildWebhookPayload({
      ...base,
      maxAlerts: 0,
      alerts: [alert('firing', 'a'), alert('firing', 'b')],
    });
    expect(payload.alerts).toHaveLength(2);
    expect(payload.truncatedAlerts).toBe(0);
  });

  it('uses the route key and sorts group labels', () => {
    const payload = buildWebhookPayload({
      ...base,
      routeKey: '{}/{team="x"}',
      groupLabels: { job: 'api', alertname: 'X' },
      alerts: [],
    });
    expect(payload.groupKey).toBe('{}/{team="x"}:{alertname="X", job="api"}');
    expect(Object.keys(payload.groupLabels)).toEqual(['alertname', 'job']);
    expect(payload.commonLabels).toEqual({});
  });
});
