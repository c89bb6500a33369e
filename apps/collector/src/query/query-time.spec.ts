import { QueryError } from './query-engine';
import { parseQueryTime } from './query-time';

describe('parseQueryTime', () => {
  it('defaults to now and reads unix seconds and RFC 3339', () => {
    expect(parseQueryTime(undefined, 5)).toBe(5);
    expect(parseQueryTime('1700000000.123', 0)).toBe(1_700_000_000_123);
    expect(parseQueryTime('2026-01-01T00:00:00Z', 0)).toBe(Date.UTC(2026, 0, 1));
    expect(parseQueryTime('2026-01-01T01:00:00.5+01:00', 0)).toBe(Date.UTC(2026, 0, 1) + 500);
  });

  it.each(['yesterday', '2026-01-01', ''.padEnd(3, 'x')])('rejects %s as bad_data', (text) => {
    expect(() => parseQueryTime(text, 0)).toThrow(QueryError);
    expect(() => parseQueryTime(text, 0)).toThrow(/invalid parameter "time"/);
  });
});
