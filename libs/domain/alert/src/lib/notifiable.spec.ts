import type { ActiveAlert, ResolvedAlert } from './alert';
import { formatRfc3339, toNotifiable } from './notifiable';

const firing: ActiveAlert = {
  fingerprint: '0123456789abcdef',
  labels: { severity: 'page', alertname: 'X' },
  annotations: { summary: 's' },
  state: 'firing',
  activeAtMs: Date.UTC(2024, 0, 1, 0, 0, 0),
  firedAtMs: Date.UTC(2024, 0, 1, 0, 1, 0, 500),
  lastSeenMs: Date.UTC(2024, 0, 1, 0, 2, 0),
  value: 1,
};

describe('formatRfc3339', () => {
  it('drops a zero fraction and trailing zeros like Go RFC3339Nano', () => {
    expect(formatRfc3339(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(formatRfc3339(Date.UTC(2024, 0, 1, 0, 0, 5, 500))).toBe('2024-01-01T00:00:05.5Z');
    expect(formatRfc3339(Date.UTC(2024, 0, 1, 0, 0, 5, 123))).toBe('2024-01-01T00:00:05.123Z');
  });
});

describe('toNotifiable', () => {
  it('presents a firing alert with the Go zero time as endsAt', () => {
    expect(toNotifiable(firing, 'http://neo/graph?g0.expr=up')).toEqual({
      status: 'firing',
      labels: { alertname: 'X', severity: 'page' },
      annotations: { summary: 's' },
      startsAt: '2024-01-01T00:01:00.5Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://neo/graph?g0.expr=up',
      fingerprint: '0123456789abcdef',
    });
  });

  it('presents a resolved alert with its resolution time', () => {
    const { state: _s, ...rest } = firing;
    const resolved: ResolvedAlert = { ...rest, state: 'resolved', resolvedAtMs: Date.UTC(2024, 0, 1, 0, 5) };
    expect(toNotifiable(resolved, '')).toMatchObject({ status: 'resolved', endsAt: '2024-01-01T00:05:00Z' });
  });

  it('falls back to activeAt when firedAt is unknown', () => {
    const { firedAtMs: _f, ...noFired } = firing;
    expect(toNotifiable(noFired, '').startsAt).toBe('2024-01-01T00:00:00Z');
  });

  it('refuses pending alerts', () => {
    expect(() => toNotifiable({ ...firing, state: 'pending' }, '')).toThrow(RangeError);
  });
});
