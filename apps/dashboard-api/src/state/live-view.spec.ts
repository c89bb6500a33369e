import type { AlertStateV1, CheckResultV1, ServiceHeartbeatV1, TargetHealthV1 } from '@neo/contracts';
import { LiveView } from './live-view';

const T0 = new Date('2024-05-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function heartbeat(overrides: Partial<ServiceHeartbeatV1> = {}): ServiceHeartbeatV1 {
  return {
    service: 'collector',
    instance: '127.0.0.1:9180',
    url: 'http://127.0.0.1:9180',
    status: 'up',
    startedAt: T0.toISOString(),
    bus: 'redis',
    components: [{ name: 'bus', status: 'up' }],
    ...overrides,
  };
}

function target(overrides: Partial<TargetHealthV1> = {}): TargetHealthV1 {
  return {
    job: 'api',
    instance: '127.0.0.1:7000',
    url: 'http://127.0.0.1:7000/metrics',
    health: 'up',
    lastScrape: T0.toISOString(),
    scrapeDurationSeconds: 0.01,
    ...overrides,
  };
}

function check(overrides: Partial<CheckResultV1> = {}): CheckResultV1 {
  return {
    checkId: 'home',
    name: 'home page',
    kind: 'http',
    target: 'http://127.0.0.1:7000/',
    success: true,
    statusCode: 200,
    durationSeconds: 0.02,
    startedAt: T0.toISOString(),
    labels: {},
    ...overrides,
  };
}

function alert(overrides: Partial<AlertStateV1> = {}): AlertStateV1 {
  return {
    group: 'api',
    rule: 'HighErrors',
    fingerprint: 'fp1',
    state: 'pending',
    previousState: 'inactive',
    labels: { alertname: 'HighErrors', severity: 'page' },
    annotations: { summary: 'errors are high' },
    value: 7,
    activeAt: T0.toISOString(),
    ...overrides,
  };
}

function view(staleAfterMs = 15_000, maxEntries = 100): LiveView {
  return new LiveView({ staleAfterMs, maxEntries });
}

describe('LiveView', () => {
  it('lists services from heartbeats with their reported health and when they were last heard', () => {
    const live = view();
    live.recordHeartbeat(
      heartbeat({ status: 'degraded', components: [{ name: 'bus', status: 'degraded', message: 'slow' }] }),
      T0,
    );

    expect(live.snapshot(at(1000)).services).toEqual([
      {
        service: 'collector',
        instance: '127.0.0.1:9180',
        url: 'http://127.0.0.1:9180',
        status: 'degraded',
        lastHeartbeat: T0.toISOString(),
        components: [{ name: 'bus', status: 'degraded', message: 'slow' }],
      },
    ]);
  });

  it('shows a service down with a reason once its heartbeats stop for longer than stale_after', () => {
    const live = view(15_000);
    live.recordHeartbeat(heartbeat(), T0);

    expect(live.snapshot(at(15_000)).services[0].status).toBe('up');
    const stale = live.snapshot(at(15_001)).services[0];
    expect(stale.status).toBe('down');
    expect(stale.reason).toBe(`no heartbeat since ${T0.toISOString()}`);
    expect(live.snapshot(at(15_001)).summary).toMatchObject({ servicesUp: 0, servicesDown: 1 });
  });

  it('brings a stale service back when it beats again', () => {
    const live = view(15_000);
    live.recordHeartbeat(heartbeat(), T0);
    live.recordHeartbeat(heartbeat(), at(60_000));

    const [service] = live.snapshot(at(61_000)).services;
    expect(service.status).toBe('up');
    expect(service.reason).toBeUndefined();
  });

  it('keeps one entry per service instance, the latest heartbeat winning', () => {
    const live = view();
    live.recordHeartbeat(heartbeat({ status: 'up' }), T0);
    live.recordHeartbeat(heartbeat({ status: 'down' }), at(1000));
    live.recordHeartbeat(heartbeat({ instance: '127.0.0.1:9999' }), at(1000));

    const services = live.snapshot(at(2000)).services;
    expect(services.map((s) => [s.instance, s.status])).toEqual([
      ['127.0.0.1:9180', 'down'],
      ['127.0.0.1:9999', 'up'],
    ]);
  });

  it('keeps the latest health per target, with the scrape error when down', () => {
    const live = view();
    live.recordTargetHealth(target());
    live.recordTargetHealth(
      target({ health: 'down', lastError: 'connection refused', lastScrape: at(5000).toISOString() }),
    );

    const snapshot = live.snapshot(at(6000));
    expect(snapshot.targets).toEqual([
      {
        job: 'api',
        instance: '127.0.0.1:7000',
        url: 'http://127.0.0.1:7000/metrics',
        health: 'down',
        lastError: 'connection refused',
        lastScrape: at(5000).toISOString(),
      },
    ]);
    expect(snapshot.summary).toMatchObject({ targetsUp: 0, targetsDown: 1 });
  });

  it('keeps the latest result per check and counts failing checks', () => {
    const live = view();
    live.recordCheckResult(check({ success: false, statusCode: 500, error: 'status 500' }));
    live.recordCheckResult(
      check({ checkId: 'api', name: 'api health', success: false, statusCode: undefined, error: 'timeout' }),
    );
    live.recordCheckResult(check({ success: true, statusCode: 200, startedAt: at(1000).toISOString() }));

    const snapshot = live.snapshot(at(2000));
    expect(snapshot.checks).toEqual([
      {
        checkId: 'api',
        name: 'api health',
        target: 'http://127.0.0.1:7000/',
        success: false,
        statusCode: null,
        durationSeconds: 0.02,
        error: 'timeout',
        startedAt: T0.toISOString(),
      },
      {
        checkId: 'home',
        name: 'home page',
        target: 'http://127.0.0.1:7000/',
        success: true,
        statusCode: 200,
        durationSeconds: 0.02,
        error: null,
        startedAt: at(1000).toISOString(),
      },
    ]);
    expect(snapshot.summary.checksFailing).toBe(1);
  });

  it('keeps pending and firing alerts and forgets resolved or inactive ones', () => {
    const live = view();
    live.recordAlertState(alert({ fingerprint: 'a', state: 'pending' }));
    live.recordAlertState(alert({ fingerprint: 'b', state: 'pending' }));
    live.recordAlertState(
      alert({
        fingerprint: 'b',
        state: 'firing',
        previousState: 'pending',
        firedAt: at(60_000).toISOString(),
      }),
    );
    live.recordAlertState(alert({ fingerprint: 'c', state: 'firing', previousState: 'pending' }));
    live.recordAlertState(alert({ fingerprint: 'c', state: 'resolved', previousState: 'firing' }));
    live.recordAlertState(alert({ fingerprint: 'd', state: 'pending' }));
    live.recordAlertState(alert({ fingerprint: 'd', state: 'inactive', previousState: 'pending' }));

    const snapshot = live.snapshot(at(61_000));
    expect(snapshot.alerts.map((a) => [a.fingerprint, a.state])).toEqual([
      ['b', 'firing'],
      ['a', 'pending'],
    ]);
    expect(snapshot.alerts[0]).toEqual({
      fingerprint: 'b',
      rule: 'HighErrors',
      group: 'api',
      state: 'firing',
      labels: { alertname: 'HighErrors', severity: 'page' },
      annotations: { summary: 'errors are high' },
      activeAt: T0.toISOString(),
      firedAt: at(60_000).toISOString(),
      value: 7,
    });
    expect(snapshot.summary).toMatchObject({ alertsFiring: 1, alertsPending: 1 });
  });

  it('orders every list the same way whatever order events arrived in', () => {
    const events = [
      () => undefined,
      (live: LiveView) => live.recordTargetHealth(target({ job: 'b', instance: 'x:1' })),
      (live: LiveView) => live.recordTargetHealth(target({ job: 'a', instance: 'y:1' })),
      (live: LiveView) => live.recordTargetHealth(target({ job: 'a', instance: 'x:1' })),
      (live: LiveView) => live.recordHeartbeat(heartbeat({ service: 'synthetic-runner' }), T0),
      (live: LiveView) => live.recordHeartbeat(heartbeat({ service: 'alerter' }), T0),
      (live: LiveView) => live.recordCheckResult(check({ checkId: 'z', name: 'b' })),
      (live: LiveView) => live.recordCheckResult(check({ checkId: 'y', name: 'a' })),
    ];
    const forward = view();
    const backward = view();
    events.forEach((apply) => apply(forward));
    [...events].reverse().forEach((apply) => apply(backward));

    expect(backward.snapshot(at(1))).toEqual(forward.snapshot(at(1)));
    const snapshot = forward.snapshot(at(1));
    expect(snapshot.targets.map((t) => `${t.job}/${t.instance}`)).toEqual(['a/x:1', 'a/y:1', 'b/x:1']);
    expect(snapshot.services.map((s) => s.service)).toEqual(['alerter', 'synthetic-runner']);
    expect(snapshot.checks.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('bounds memory: beyond max entries the least recently updated entry is forgotten', () => {
    const live = view(15_000, 3);
    for (const id of ['c1', 'c2', 'c3']) live.recordCheckResult(check({ checkId: id, name: id }));
    live.recordCheckResult(check({ checkId: 'c1', name: 'c1' }));
    live.recordCheckResult(check({ checkId: 'c4', name: 'c4' }));

    expect(live.snapshot(at(1)).checks.map((c) => c.checkId)).toEqual(['c1', 'c3', 'c4']);
  });

  it('starts empty with a zero summary', () => {
    expect(view().snapshot(T0)).toEqual({
      services: [],
      targets: [],
      checks: [],
      alerts: [],
      summary: {
        servicesUp: 0,
        servicesDegraded: 0,
        servicesDown: 0,
        targetsUp: 0,
        targetsDown: 0,
        checksFailing: 0,
        alertsFiring: 0,
        alertsPending: 0,
      },
    });
  });
});
