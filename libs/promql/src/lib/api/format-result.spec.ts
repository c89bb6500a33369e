import { formatPromValue } from '@neo/domain-metric';
import { formatQueryData } from './format-result';

describe('formatQueryData', () => {
  // Around the thresholds where JS and Go switch to exponent notation, plus the special values.
  const values = [
    0,
    -0,
    1,
    -1,
    0.1,
    1e-6,
    -1e-6,
    9.99e-7,
    1e-7,
    1.5e-7,
    123.456,
    1e20,
    9.99e20,
    1e21,
    -1e21,
    1.2e22,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53 + 2,
    1 / 3,
  ];

  it('formats matrix values exactly as formatPromValue', () => {
    const data = formatQueryData({
      resultType: 'matrix',
      series: [{ labels: { a: 'b' }, points: values.map((v, i) => ({ t: i * 1000, v })) }],
    });
    expect(data).toEqual({
      resultType: 'matrix',
      result: [{ metric: { a: 'b' }, values: values.map((v, i) => [i, formatPromValue(v)]) }],
    });
  });

  it('formats vector values exactly as formatPromValue', () => {
    const data = formatQueryData({
      resultType: 'vector',
      samples: values.map((v, i) => ({ labels: { i: String(i) }, t: 1500, v })),
    });
    expect(data).toEqual({
      resultType: 'vector',
      result: values.map((v, i) => ({ metric: { i: String(i) }, value: [1.5, formatPromValue(v)] })),
    });
  });
});
