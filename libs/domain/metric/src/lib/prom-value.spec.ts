import { formatPromValue, parsePromValue, PromValueParseError } from './prom-value';

describe('formatPromValue', () => {
  it.each([
    [1, '1'],
    [0.5, '0.5'],
    [0, '0'],
    [-0, '-0'],
    [-2.25, '-2.25'],
    [1e-7, '1e-07'],
    [1.5e-7, '1.5e-07'],
    [1e-6, '0.000001'],
    [123456789, '123456789'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%p -> %s', (v, s) => {
    expect(formatPromValue(v)).toBe(s);
  });
});

describe('parsePromValue', () => {
  it.each([
    ['+Inf', Infinity],
    ['Inf', Infinity],
    ['inf', Infinity],
    ['-Inf', -Infinity],
    ['1e-07', 1e-7],
    ['1e+21', 1e21],
    ['.5', 0.5],
    ['-3', -3],
    ['1.', 1],
    ['1E3', 1000],
  ])('%s -> %p', (s, v) => {
    expect(parsePromValue(s)).toBe(v);
  });

  it('reads NaN', () => {
    expect(parsePromValue('NaN')).toBeNaN();
  });

  it.each(['', ' 1', '1 ', 'abc', '1e', '0x10', '1,5', '--1', 'Infinite'])('rejects %j', (s) => {
    expect(() => parsePromValue(s)).toThrow(PromValueParseError);
  });

  it('round-trips formatPromValue', () => {
    for (const v of [0, 1, -1.5, 1e-7, 3.14159, 1e300, -1e-300, 42e21, Infinity, -Infinity]) {
      expect(parsePromValue(formatPromValue(v))).toBe(v);
    }
  });
});
