import type { SeriesBatch, SeriesRef } from '@neo/tsdb';

/** Where a sample's labels come from when the store needs them (a new series, or one it has removed). */
export interface LabelSource {
  pairs(): readonly string[] | undefined;
}

/**
 * One scrape's samples in columns, one sample per series, for `Tsdb.appendSeries`: a sample is a ref, a
 * timestamp and a value written into typed arrays, not an object. The arrays are reused scrape after scrape
 * by the same target (its appends are sequential), so a steady scrape allocates nothing per sample.
 */
export class ScrapeBatch implements SeriesBatch {
  length = 0;
  refs: Int32Array = new Int32Array(256);
  timestamps: Float64Array = new Float64Array(256);
  values: Float64Array = new Float64Array(256);
  offsets: Uint32Array = identity(257);
  /** Who each sample belongs to, so its ref can be updated and its labels found. */
  sources: Array<LabelSource | undefined> = [];

  refAt(i: number): SeriesRef {
    return this.refs[i];
  }

  pairsAt(i: number): readonly string[] | undefined {
    return this.sources[i]?.pairs();
  }

  /** Empties the batch for the next scrape, keeping its capacity. */
  reset(): void {
    this.length = 0;
  }

  push(source: LabelSource | undefined, ref: SeriesRef, timestampMs: number, value: number): void {
    const i = this.length;
    if (i === this.refs.length) this.grow();
    this.refs[i] = ref;
    this.timestamps[i] = timestampMs;
    this.values[i] = value;
    this.sources[i] = source;
    this.length = i + 1;
  }

  private grow(): void {
    const n = this.refs.length * 2;
    const refs = new Int32Array(n);
    refs.set(this.refs);
    this.refs = refs;
    const timestamps = new Float64Array(n);
    timestamps.set(this.timestamps);
    this.timestamps = timestamps;
    const values = new Float64Array(n);
    values.set(this.values);
    this.values = values;
    this.offsets = identity(n + 1);
  }
}

function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
