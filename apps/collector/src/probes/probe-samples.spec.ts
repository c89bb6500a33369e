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
});
