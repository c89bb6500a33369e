/**
 * A forward cursor over samples, Prometheus style: `next()` then read `t`/`v`. No object per sample,
 * which matters when a query walks millions of them.
 */
export interface SampleIterator {
  /** Advances to the next sample; false when exhausted. */
  next(): boolean;
  /** Advances to the first sample with timestamp >= t (staying put if already there); false if none. */
  seek(t: number): boolean;
  /** Timestamp (ms) of the current sample. */
  readonly t: number;
  /** Value of the current sample; NaN payloads (staleness markers) are preserved bit for bit. */
  readonly v: number;
}

/** An iterator with nothing in it. */
export const EMPTY_ITERATOR: SampleIterator = {
  next: () => false,
  seek: () => false,
  t: 0,
  v: 0,
};
