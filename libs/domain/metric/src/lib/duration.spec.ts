import { DurationParseError, formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['1h1m1s1ms', 3_661_001],
    ['0', 0],
    ['0s', 0],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1', 's', '1s1m', '1m1m', '1.5s', '-1s', '1S', ' 1s', '1x'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationParseError);
  });

  it('names the text in the error', () => {
    expect(() => parseDuration('1s1m')).toThrow('not a valid duration string: "1s1m"');
  });

  it('rejects values beyond safe integers', () => {
    expect(() => parseDuration('99999999999999y')).toThrow(DurationParseError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90_000, '1m30s'],
    [500, '500ms'],
    [1500, '1s500ms'],
    [7_200_000, '2h'],
    [604_800_000, '1w'],
    [90 * 86_400_000, '90d'],
    [31_536_000_000, '1y'],
    [3_661_001, '1h1m1s1ms'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 61_000, 86_400_001, 8 * 86_400_000, 400 * 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });

  it('rejects negative and fractional input', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(1.5)).toThrow(RangeError);
  });
});
