import { ApiError } from './api-error';
import { durationParam, matchParams, timeParam } from './api-params';
import { requestParams } from './request-params';

describe('API parameters', () => {
  it('reads times as unix float seconds or RFC 3339, defaulting when absent', () => {
    expect(timeParam({}, 'time', 5)).toBe(5);
    expect(timeParam({ time: '1700000000.123' }, 'time', 0)).toBe(1_700_000_000_123);
    expect(timeParam({ start: '2026-01-01T01:00:00.5+01:00' }, 'start', 0)).toBe(Date.UTC(2026, 0, 1) + 500);
    expect(() => timeParam({ time: 'soon' }, 'time', 0)).toThrow(/invalid parameter "time"/);
    expect(() => timeParam({ time: ['1', '2'] }, 'time', 0)).toThrow(ApiError);
  });

  it('reads steps as float seconds or Prometheus durations', () => {
    expect(durationParam({ step: '15' }, 'step')).toBe(15_000);
    expect(durationParam({ step: '0.5' }, 'step')).toBe(500);
    expect(durationParam({ step: '1m30s' }, 'step')).toBe(90_000);
    expect(() => durationParam({ step: 'often' }, 'step')).toThrow(/invalid parameter "step"/);
  });

  it('parses every match[] and refuses one matching everything', () => {
    expect(matchParams({ 'match[]': ['up', '{job="a"}'] })).toHaveLength(2);
    expect(() => matchParams({ 'match[]': '{job=~".*"}' })).toThrow(ApiError);
  });

  it('merges URL and form body, keeping repeated match[] in order', () => {
    expect(requestParams('/api/v1/series?match[]=a&start=1', { match: ['b', 'c'], end: '2' })).toEqual({
      'match[]': ['a', 'b', 'c'],
      start: '1',
      end: '2',
    });
  });
});
