import { Labels } from '@neo/domain-metric';
import { QueryResult } from './results';
import { formatQueryData } from './format-result';
import { formatQueryResponse } from './format-response';
import { createEngine } from '../engine';
import { MemoryQueryable } from '../../test-support/memory-queryable';

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

  it("writes an engine range query's result (step arrays, no points built) exactly as JSON.stringify", () => {
    const q = new MemoryQueryable();
    const ts = Array.from({ length: 50 }, (_, i) => 1_700_000_000_000 + i * 15_000);
    q.series.push({
      labels: { __name__: 'g', i: 'a"1' },
      ts,
      vs: ts.map((_, i) => (i % 7 === 3 ? NaN : i / 3)),
    });
    // Gaps: the second series stops early and restarts, so some steps have no point.
    q.series.push({
      labels: { __name__: 'g', i: '2' },
      ts: ts.slice(10, 20),
      vs: ts.slice(10, 20).map((_, i) => -i * 1e22),
    });
    const engine = createEngine({ lookbackDeltaMs: 20_000 });
    for (const expr of ['g', 'g * 2', 'sum(g)', '1 + 1']) {
      const r = engine.rangeQuery(q, expr, ts[0] - 7_000, ts[49] + 60_000, 10_000);
      const json = formatQueryResponse(r);
      expect(json).toBe(reference(r));
    }
  });
});
