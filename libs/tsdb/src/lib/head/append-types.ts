import { Labels } from '@neo/domain-metric';

/** Head-local series number; stable for the life of the series in this process and across replay. */
export type SeriesRef = number;

/** A sample addressed by labels, or by a ref from a previous append (the scrape-cache fast path). */
export type AppendSample =
  | { readonly labels: Labels; readonly timestampMs: number; readonly value: number }
  | { readonly ref: SeriesRef; readonly timestampMs: number; readonly value: number };

/**
 * Why a sample was not stored. `out_of_order`: older than the series' last sample. `duplicate`: same
 * timestamp, different value. `too_old`: before the head's appendable window (already persisted).
 * `unknown_ref`: the ref no longer exists (series garbage-collected). `invalid`: non-integer or
 * non-finite timestamp, or an empty label set.
 */
export type RejectReason = 'out_of_order' | 'duplicate' | 'too_old' | 'unknown_ref' | 'invalid';

export const REJECT_REASONS: readonly RejectReason[] = [
  'out_of_order',
  'duplicate',
  'too_old',
  'unknown_ref',
  'invalid',
];

export type RejectCounts = Record<RejectReason, number>;

export function emptyRejectCounts(): RejectCounts {
  return { out_of_order: 0, duplicate: 0, too_old: 0, unknown_ref: 0, invalid: 0 };
}

/** Outcome of one batch. An identical re-sent sample counts as accepted: it is already stored. */
export interface AppendResult {
  accepted: number;
  rejected: RejectCounts;
  /** Series ref per input sample, in input order; -1 where the sample named no existing series. */
  refs: SeriesRef[];
}

/** Receives what a batch changes, in order, so the caller can log it before acknowledging. */
export interface AppendSink {
  series(ref: SeriesRef, pairs: readonly string[]): void;
  sample(ref: SeriesRef, t: number, v: number): void;
}

/**
 * Samples grouped by series, in columns (the remote_write shape): series `i` owns samples
 * `[offsets[i], offsets[i + 1])` of `timestamps`/`values`. Appending it costs one series lookup per series
 * and no object per sample, which is what lets a receiver keep up with a sender.
 */
export interface SeriesBatch {
  /** Number of series. */
  readonly length: number;
  /** `length + 1` sample offsets. */
  readonly offsets: ArrayLike<number>;
  readonly timestamps: ArrayLike<number>;
  /** Float64Array keeps NaN payloads (staleness markers) bit-exact; `number[]` may quieten them. */
  readonly values: ArrayLike<number>;
  /** A ref from an earlier append, or -1. A ref that no longer exists falls back to {@link pairsAt}. */
  refAt(i: number): SeriesRef;
  /**
   * Sorted `[name, value, ...]` pairs of series `i` without empty values, or undefined for an empty set.
   * Called only when the ref is -1 or gone, so a caller may decode labels lazily.
   */
  pairsAt(i: number): readonly string[] | undefined;
}

/** Outcome of a {@link SeriesBatch}: like {@link AppendResult}, with one ref per series (not per sample). */
export interface SeriesAppendResult {
  accepted: number;
  rejected: RejectCounts;
  /** Ref per series, in input order; -1 where the series had no labels or no samples. */
  seriesRefs: Int32Array;
}
