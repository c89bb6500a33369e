import { Labels } from '@neo/domain-metric';
import { QueryResult } from './results';
import { formatQueryData } from './format-result';
import { formatQueryResponse } from './format-response';

/** What the API sent before: JSON.stringify of the envelope; the writer must match it byte for byte. */
const reference = (r: QueryResult): string => JSON.stringify({ status: 'success', data: formatQueryData(r) });

describe('formatQueryResponse', () => {
  const values = [0, -0, 1, -1.5, 1e-7, 1e21, 123.456, NaN, Infinity, -Infinity, 1 / 3, 2 ** 53 + 2];
  // Label values JSON must escape, and timestamps with and without fractional seconds.
  const labels: Labels[] = [{ __name__: 'x', job: 'a"b\\c\n', emoji: 'é☃' }, {}, { le: '+Inf' }];

  it('writes a matrix exactly as JSON.stringify of the envelope', () => {
    const r: QueryResult = {
      resultType: 'matrix',
      series: labels.map((l, k) => ({
        labels: l,
        points: values.map((v, i) => ({ t: 1_700_000_000_000 + i * 15_001 + k, v })),
      })),
    };
    expect(formatQueryResponse(r)).toBe(reference(r));
  });

  it('writes a vector, an empty matrix, a scalar and a string exactly as JSON.stringify', () => {
    const results: QueryResult[] = [
      { resultType: 'vector', samples: values.map((v, i) => ({ labels: labels[i % 3], t: 1_500 + i, v })) },
      { resultType: 'vector', samples: [] },
      { resultType: 'matrix', series: [] },
      { resultType: 'scalar', t: 1_000, v: NaN },
      { resultType: 'string', t: 1_000, v: 'a "quoted"\n string' },
    ];
    for (const r of results) {
      expect(formatQueryResponse(r)).toBe(reference(r));
    }
  });
});
