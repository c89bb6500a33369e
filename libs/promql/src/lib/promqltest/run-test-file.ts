import { Engine } from '../engine';
import { QueryResult } from '../api/results';
import { labelKey, formatLabels } from '../eval/labels';
import { MemoryQueryable } from '../../test-support/memory-queryable';
import { Command, SeriesValue } from './test-file';

/** Values equal within 1e-6 relative (absolute near 0), NaN equal to NaN, infinities exact. */
export function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (a === b) {
    return true;
  }
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}

/** Applies a load/clear command to the store. */
export function applyLoad(store: MemoryQueryable, cmd: Command): void {
  if (cmd.kind === 'clear') {
    store.clear();
  } else if (cmd.kind === 'load') {
    for (const s of cmd.series) {
      const ts: number[] = [];
      const vs: number[] = [];
      s.values.forEach((v, i) => {
        if (v !== undefined) {
          ts.push(i * cmd.stepMs);
          vs.push(v);
        }
      });
      store.add(s.labels, ts, vs);
    }
  }
}

/** Runs one eval command; returns a description of the mismatch, or undefined when it passes. */
export function runEval(
  engine: Engine,
  store: MemoryQueryable,
  cmd: Extract<Command, { kind: 'eval' }>,
): string | undefined {
  let result: QueryResult;
  try {
    result = cmd.range
      ? engine.rangeQuery(store, cmd.expr, cmd.startMs, cmd.endMs, cmd.stepMs)
      : engine.instantQuery(store, cmd.expr, cmd.startMs);
  } catch (err) {
    return cmd.fail ? undefined : `unexpected error: ${(err as Error).message}`;
  }
  if (cmd.fail) {
    return 'expected an error, got a result';
  }
  const actual = toSeries(result, cmd.startMs, cmd.stepMs);
  const expected = cmd.expected.map((s) => ({ key: labelKey(s.labels), labels: s.labels, values: s.values }));
  if (actual.length !== expected.length) {
    return `expected ${expected.length} series, got ${actual.length}: ${actual.map((a) => formatLabels(a.labels) + ' ' + a.values.join(' ')).join('; ')}`;
  }
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = cmd.ordered ? actual[i] : actual.find((x) => x.key === e.key);
    if (a === undefined || a.key !== e.key) {
      return `missing series ${formatLabels(e.labels)}; got ${actual.map((x) => formatLabels(x.labels)).join(', ')}`;
    }
    const len = Math.max(a.values.length, e.values.length);
    for (let j = 0; j < len; j++) {
      const av = a.values[j];
      const ev = e.values[j];
      if (
        (av === undefined) !== (ev === undefined) ||
        (av !== undefined && ev !== undefined && !almostEqual(av, ev))
      ) {
        return `series ${formatLabels(e.labels)} point ${j}: expected ${String(ev)}, got ${String(av)} (all: ${a.values.join(' ')})`;
      }
    }
  }
  return undefined;
}

function toSeries(
  r: QueryResult,
  start: number,
  step: number,
): Array<{ key: string; labels: Record<string, string>; values: SeriesValue[] }> {
  switch (r.resultType) {
    case 'scalar':
      return [{ key: labelKey({}), labels: {}, values: [r.v] }];
    case 'string':
      return [];
    case 'vector':
      return r.samples.map((s) => ({ key: labelKey(s.labels), labels: { ...s.labels }, values: [s.v] }));
    case 'matrix':
      return r.series.map((s) => {
        const values: SeriesValue[] = [];
        for (const p of s.points) {
          values[step > 0 ? Math.round((p.t - start) / step) : values.length] = p.v;
        }
        return { key: labelKey(s.labels), labels: { ...s.labels }, values: Array.from(values) };
      });
  }
}
