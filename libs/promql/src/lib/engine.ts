import { compareBytes, Labels } from '@neo/domain-metric';
import { Expr } from './ast/ast';
import { QueryResult, SeriesResult } from './api/results';
import { EvalContext, QueryLimits } from './eval/context';
import { Evaluator } from './eval/evaluator';
import { compareLabels, labelKey } from './eval/labels';
import { gridSeries } from './api/grid-series';
import { QueryError } from './eval/query-error';
import { StepSeries } from './eval/types';
import { exprType } from './parser/check-types';
import { parseExpr } from './parser/parse';
import { PromQLParseError } from './parser/parse-error';
import { Queryable } from './storage/queryable';

export interface EngineOptions {
  /** Default 5 minutes, as Prometheus. */
  readonly lookbackDeltaMs?: number;
  /** Subquery step when none is given; Prometheus uses the global evaluation interval (1m default). */
  readonly defaultSubqueryStepMs?: number;
  readonly maxSamples?: number;
  readonly maxSeries?: number;
  readonly timeoutMs?: number;
  /** Prometheus refuses range queries with more than 11,000 points per series. */
  readonly maxPointsPerSeries?: number;
}

/** Per-query settings (the HTTP API's parameters). */
export interface QueryOptions {
  /**
   * The `timeout` parameter, ms: the lower of it and the engine's `timeoutMs` applies, as Prometheus
   * applies the lower of the request's and `--query.timeout`. Zero or less times out at once.
   */
  readonly timeoutMs?: number;
}

/** The query engine: parse, evaluate against a Queryable, return typed results or a QueryError. */
export interface Engine {
  instantQuery(q: Queryable, expr: string, timeMs: number, opts?: QueryOptions): QueryResult;
  rangeQuery(
    q: Queryable,
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    opts?: QueryOptions,
  ): QueryResult;
}

export function createEngine(opts: EngineOptions = {}): Engine {
  const limits: QueryLimits = {
    maxSamples: opts.maxSamples ?? 50_000_000,
    maxSeries: opts.maxSeries ?? 1_000_000,
    timeoutMs: opts.timeoutMs ?? 120_000,
  };
  const lookback = opts.lookbackDeltaMs ?? 300_000;
  const subStep = opts.defaultSubqueryStepMs ?? 60_000;
  const maxPoints = opts.maxPointsPerSeries ?? 11_000;
  const context = (q: Queryable, start: number, end: number, opts: QueryOptions | undefined): EvalContext =>
    new EvalContext(
      q,
      start,
      end,
      lookback,
      subStep,
      limits,
      Math.min(limits.timeoutMs, opts?.timeoutMs ?? Infinity),
    );

  return {
    instantQuery(q, text, t, opts) {
      const expr = parse(text);
      const ev = new Evaluator(context(q, t, t, opts));
      const grid = { start: t, step: 1, n: 1 };
      const type = exprType(expr);
      if (type === 'range vector') {
        const range = ev.evalRange(unwrap(expr) as never, grid);
        const series: SeriesResult[] = range.series
          .map((s) => {
            const end = range.windowEnds[0];
            const points = [];
            for (let i = 0; i < s.ts.length; i++) {
              if (s.ts[i] >= end - range.range && s.ts[i] <= end) {
                points.push({ t: s.ts[i], v: s.vs[i] });
              }
            }
            return { labels: s.labels, points };
          })
          .filter((s) => s.points.length > 0)
          .sort((a, b) => compareLabels(a.labels, b.labels));
        return { resultType: 'matrix', series };
      }
      const v = ev.eval(expr, grid);
      if (v.kind === 'string') {
        return { resultType: 'string', t, v: v.value };
      }
      if (v.kind === 'scalar') {
        return { resultType: 'scalar', t, v: v.values[0] };
      }
      let samples = v.series
        .filter((s) => s.present[0] === 1)
        .map((s) => ({ labels: s.labels, t, v: s.values[0] }));
      const top = unwrap(expr);
      if (top.type === 'Call' && (top.func === 'sort' || top.func === 'sort_desc')) {
        const dir = top.func === 'sort' ? 1 : -1;
        samples.sort((a, b) => (Number.isNaN(a.v) ? 1 : Number.isNaN(b.v) ? -1 : dir * (a.v - b.v)));
      } else {
        samples = sortByLabels(samples);
      }
      return { resultType: 'vector', samples };
    },

    rangeQuery(q, text, start, end, step, opts) {
      const expr = parse(text);
      if (step <= 0) {
        throw new QueryError(
          'bad_data',
          'zero or negative query resolution step widths are not accepted. Try a positive integer',
        );
      }
      if (end < start) {
        throw new QueryError('bad_data', 'end timestamp must not be before start time');
      }
      const n = Math.floor((end - start) / step) + 1;
      if (n > maxPoints) {
        throw new QueryError(
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      }
      const type = exprType(expr);
      if (type !== 'scalar' && type !== 'instant vector') {
        throw new QueryError(
          'bad_data',
          `invalid expression type "${type}" for range query, must be Scalar or instant Vector`,
        );
      }
      const grid = { start, step, n };
      const v = new Evaluator(context(q, start, end, opts)).eval(expr, grid);
      const toSeries = (s: StepSeries): SeriesResult =>
        gridSeries(s.labels, { start, step, values: s.values, present: s.present });
      if (v.kind === 'scalar') {
        return {
          resultType: 'matrix',
          series: [toSeries({ labels: {}, values: v.values, present: new Uint8Array(n).fill(1) })],
        };
      }
      if (v.kind === 'string') {
        throw new QueryError(
          'bad_data',
          'invalid expression type "string" for range query, must be Scalar or instant Vector',
        );
      }
      const series = sortByLabels(v.series.filter((s) => s.present.includes(1))).map(toSeries);
      return { resultType: 'matrix', series };
    },
  };
}

/**
 * Sorted by label set, each key computed once: a comparator computing both keys per comparison made
 * the sort of a large result cost more than producing it.
 */
function sortByLabels<T extends { readonly labels: Labels }>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: labelKey(item.labels) }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .map((x) => x.item);
}

function parse(text: string): Expr {
  try {
    return parseExpr(text);
  } catch (err) {
    if (err instanceof PromQLParseError) {
      throw new QueryError('bad_data', err.message);
    }
    throw err;
  }
}

function unwrap(e: Expr): Expr {
  return e.type === 'Paren' ? unwrap(e.expr) : e;
}
