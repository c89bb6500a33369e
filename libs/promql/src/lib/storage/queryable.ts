import { LabelMatcher, Labels } from '@neo/domain-metric';

/** A forward sample cursor (`next()` then read `t`/`v`), as @neo/tsdb's SampleIterator. */
export interface SampleCursor {
  next(): boolean;
  seek(t: number): boolean;
  readonly t: number;
  readonly v: number;
}

/** One stored series: labels plus a fresh cursor per call. */
export interface StoredSeries {
  readonly labels: Labels;
  iterator(): SampleCursor;
}

/** What a selection asks for: matchers and an inclusive millisecond range. */
export interface SelectRequest {
  readonly matchers: readonly LabelMatcher[];
  readonly minT: number;
  readonly maxT: number;
}

/**
 * The storage the engine reads. @neo/tsdb's Reader satisfies it structurally, so the engine needs no
 * dependency on the storage engine (engines may depend only on domain libs).
 */
export interface Queryable {
  select(req: SelectRequest): Iterable<StoredSeries>;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * Prometheus' staleness marker (NaN with payload 2). V8 may set the quiet bit when the value passes
 * through a JS array, so 0x7ff8000000000002 counts too; no arithmetic produces that payload.
 */
export function isStaleNaN(v: number): boolean {
  if (v === v) {
    return false;
  }
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  return view.getUint32(4) === 2 && (hi === 0x7ff00000 || hi === 0x7ff80000);
}

/** The staleness marker value itself. */
export const STALE_NAN: number = (() => {
  view.setUint32(0, 0x7ff00000);
  view.setUint32(4, 2);
  return view.getFloat64(0);
})();
