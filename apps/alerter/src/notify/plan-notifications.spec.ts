import type { ActiveAlert, AlertTransition, ResolvedAlert } from '@neo/domain-alert';
import { planNotifications, type NotificationRoute } from './plan-notifications';

function active(labels: Record<string, string>, state: 'pending' | 'firing'): ActiveAlert {
  return {
    fingerprint: JSON.stringify(labels),
    labels,
    annotations: { summary: `${labels['instance']} down` },
    state,
    activeAtMs: Date.UTC(2024, 0, 1, 0, 0, 0),
    ...(state === 'firing' ? { firedAtMs: Date.UTC(2024, 0, 1, 0, 0, 15) } : {}),
    lastSeenMs: Date.UTC(2024, 0, 1, 0, 0, 15),
    value: 0,
  };
}

function resolved(labels: Record<string, string>): ResolvedAlert {
  const { state: _state, ...rest } = active(labels, 'firing');
  return { ...rest, state: 'resolved', resolvedAtMs: Date.UTC(2024, 0, 1, 0, 1, 0) };
}

const route: NotificationRoute = {
  receiver: 'team',
  groupBy: ['alertname'],
  webhooks: [
    { url: 'http://127.0.0.1:1/all', sendResolved: true },
    { url: 'http://127.0.0.1:1/firing-only', sendResolved: false },
  ],
};

const a = { alertname: 'TargetDown', instance: 'a:1', severity: 'critical' };
const b = { alertname: 'TargetDown', instance: 'b:1', severity: 'critical' };

describe('planNotifications', () => {
  it('sends newly firing alerts of one group in one v4 payload to every webhook', () => {
    const transitions: AlertTransition[] = [
      { from: 'pending', to: 'firing', alert: active(a, 'firing') },
      { from: 'pending', to: 'firing', alert: active(b, 'firing') },
      { from: 'inactive', to: 'pending', alert: active({ ...a, instance: 'c:1' }, 'pending') },
    ];
    const planned = planNotifications({
      route,
      transitions,
      generatorURL: 'http://q/api',
      externalURL: 'http://alerter',
    });
    expect(planned.map((p) => p.url)).toEqual(['http://127.0.0.1:1/all', 'http://127.0.0.1:1/firing-only']);
    const payload = planned[0].payload;
    expect(payload).toMatchObject({
      version: '4',
      receiver: 'team',
      status: 'firing',
      groupLabels: { alertname: 'TargetDown' },
      commonLabels: { alertname: 'TargetDown', severity: 'critical' },
      groupKey: '{}:{alertname="TargetDown"}',
      externalURL: 'http://alerter',
    });
    expect(
      payload.alerts.map((x) => [x.labels['instance'], x.status, x.startsAt, x.endsAt, x.generatorURL]),
    ).toEqual([
      ['a:1', 'firing', '2024-01-01T00:00:15Z', '0001-01-01T00:00:00Z', 'http://q/api'],
      ['b:1', 'firing', '2024-01-01T00:00:15Z', '0001-01-01T00:00:00Z', 'http://q/api'],
    ]);
  });

  it('sends resolutions only to webhooks with send_resolved, and never pending drops', () => {
    const transitions: AlertTransition[] = [
      { from: 'firing', to: 'resolved', alert: resolved(a) },
      { from: 'pending', to: 'inactive', alert: active(b, 'pending') },
    ];
    const planned = planNotifications({ route, transitions, generatorURL: 'g', externalURL: 'e' });
    expect(planned).toHaveLength(1);
    expect(planned[0].url).toBe('http://127.0.0.1:1/all');
    expect(planned[0].payload.status).toBe('resolved');
    expect(planned[0].payload.alerts[0]).toMatchObject({
      status: 'resolved',
      endsAt: '2024-01-01T00:01:00Z',
    });
  });

  it('splits alerts by group_by labels', () => {
    const transitions: AlertTransition[] = [
      { from: 'pending', to: 'firing', alert: active(a, 'firing') },
      { from: 'pending', to: 'firing', alert: active(b, 'firing') },
    ];
    const planned = planNotifications({
      route: { ...route, groupBy: ['instance'], webhooks: [route.webhooks[0]] },
      transitions,
      generatorURL: 'g',
      externalURL: 'e',
    });
    expect(planned.map((p) => p.payload.groupLabels)).toEqual([{ instance: 'a:1' }, { instance: 'b:1' }]);
  });
});
