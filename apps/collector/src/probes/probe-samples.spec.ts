import type { CheckResultV1 } from '@neo/contracts';
import type { Labels } from '@neo/domain-metric';
import { probeSamples } from './probe-samples';

const result = {
  checkId: 'c1',
  name: 'api-health',
  kind: 'http' as const,
  target: 'http://127.0.0.1:8080/health',
  success: false,
  statusCode: 503,
  durationSeconds: 0.25,
  startedAt: '2026-01-01T00:00:00Z',
  labels: { team: 'ops', job: 'spoofed', 'bad-name': 'x' },
};

describe('probeSamples', () => {
  it('maps a check result to blackbox-style series with identifying labels winning', () => {
    const labels = {
      team: 'ops',
      job: 'synthetic',
      check: 'api-health',
      instance: 'http://127.0.0.1:8080/health',
    };
    expect(probeSamples(result, 1000)).toEqual([
      { labels: { ...labels, __name__: 'probe_success' }, timestampMs: 1000, value: 0 },
      { labels: { ...labels, __name__: 'probe_duration_seconds' }, timestampMs: 1000, value: 0.25 },
      { labels: { ...labels, __name__: 'probe_http_status_code' }, timestampMs: 1000, value: 503 },
    ]);
  });

  it('omits probe_http_status_code when there was no HTTP answer', () => {
    const names = probeSamples({ ...result, statusCode: undefined, success: true }, 1).map((s) => [
      s.labels['__name__'],
      s.value,
    ]);
    expect(names).toEqual([
      ['probe_success', 1],
      ['probe_duration_seconds', 0.25],
    ]);
  });

  const base = {
    team: 'ops',
    job: 'synthetic',
    check: 'api-health',
    instance: 'http://127.0.0.1:8080/health',
  };
  const extras = (extra: Partial<CheckResultV1>): [Labels, number][] =>
    probeSamples({ ...result, ...extra }, 1)
      .slice(3)
      .map((s) => [s.labels, s.value]);

  it('maps phases to probe_http_duration_seconds, one sample per phase', () => {
    const phases = { resolve: 0.01, connect: 0.02, tls: 0.03, processing: 0.04, transfer: 0.05 };
    expect(extras({ phases })).toEqual(
      Object.entries(phases).map(([phase, value]) => [
        { ...base, phase, __name__: 'probe_http_duration_seconds' },
        value,
      ]),
    );
  });

  it('maps certificateExpiry to probe_ssl_earliest_cert_expiry in unix seconds', () => {
    expect(extras({ certificateExpiry: '2026-03-01T00:00:00Z' })).toEqual([
      [{ ...base, __name__: 'probe_ssl_earliest_cert_expiry' }, 1772323200],
    ]);
  });

  it('drops an unparseable certificateExpiry', () => {
    expect(extras({ certificateExpiry: 'not a time' })).toEqual([]);
  });

  it('maps dnsLookupSeconds to probe_dns_lookup_time_seconds', () => {
    expect(extras({ dnsLookupSeconds: 0.004 })).toEqual([
      [{ ...base, __name__: 'probe_dns_lookup_time_seconds' }, 0.004],
    ]);
  });

  it('maps redirects to probe_http_redirects, including zero', () => {
    expect(extras({ redirects: 0 })).toEqual([[{ ...base, __name__: 'probe_http_redirects' }, 0]]);
    expect(extras({ redirects: 2 })).toEqual([[{ ...base, __name__: 'probe_http_redirects' }, 2]]);
  });

  it('maps state to a one-hot neo_synthetic_check_state over every state', () => {
    expect(extras({ state: 'degraded' })).toEqual([
      [{ ...base, state: 'up', __name__: 'neo_synthetic_check_state' }, 0],
      [{ ...base, state: 'degraded', __name__: 'neo_synthetic_check_state' }, 1],
      [{ ...base, state: 'down', __name__: 'neo_synthetic_check_state' }, 0],
      [{ ...base, state: 'maintenance', __name__: 'neo_synthetic_check_state' }, 0],
    ]);
  });

  it('maps journey steps to step success and duration; a step that did not run has no duration', () => {
    const step = (name: string, success: boolean, ran: boolean, durationSeconds: number) => ({
      name,
      success,
      ran,
      durationSeconds,
    });
    expect(
      extras({
        kind: 'journey',
        steps: [
          step('login', true, true, 0.5),
          step('checkout', false, true, 1.5),
          step('logout', false, false, 0),
        ],
      }),
    ).toEqual([
      [{ ...base, step: 'login', __name__: 'neo_synthetic_journey_step_success' }, 1],
      [{ ...base, step: 'login', __name__: 'neo_synthetic_journey_step_duration_seconds' }, 0.5],
      [{ ...base, step: 'checkout', __name__: 'neo_synthetic_journey_step_success' }, 0],
      [{ ...base, step: 'checkout', __name__: 'neo_synthetic_journey_step_duration_seconds' }, 1.5],
      [{ ...base, step: 'logout', __name__: 'neo_synthetic_journey_step_success' }, 0],
    ]);
  });

  it('keeps the first of repeated step names and lets its own labels beat the result labels', () => {
    const steps = [
      { name: 'a', success: true, ran: true, durationSeconds: 1 },
      { name: 'a', success: false, ran: true, durationSeconds: 2 },
    ];
    expect(
      extras({ labels: { step: 'spoofed' }, steps }).map(([labels, value]) => [labels['step'], value]),
    ).toEqual([
      ['a', 1],
      ['a', 1],
    ]);
  });

  it('emits nothing extra for an older producer without the optional fields', () => {
    expect(probeSamples(result, 1)).toHaveLength(3);
  });
});
