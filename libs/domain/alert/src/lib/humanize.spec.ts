import { humanize, humanizeDuration, humanizePercentage } from './humanize';

describe('humanize', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [999, '999'],
    [1000, '1k'],
    [1234567, '1.235M'],
    [-2500, '-2.5k'],
    [0.5, '500m'],
    [0.000123, '123u'],
    [1e30, '1e+06Y'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%p -> %s', (v, s) => {
    expect(humanize(v)).toBe(s);
  });
});

describe('humanizePercentage', () => {
  it('multiplies by 100 and keeps 4 significant digits', () => {
    expect(humanizePercentage(0.1234567)).toBe('12.35%');
    expect(humanizePercentage(1)).toBe('100%');
  });
});

describe('humanizeDuration', () => {
  it.each([
    [0, '0s'],
    [1.5, '1.5s'],
    [0.25, '250ms'],
    [90, '1m 30s'],
    [3600, '1h 0m 0s'],
    [93784, '1d 2h 3m 4s'],
    [-90, '-1m 30s'],
  ])('%p -> %s', (v, s) => {
    expect(humanizeDuration(v)).toBe(s);
  });
});
