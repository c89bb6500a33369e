import type { Labels } from '@neo/domain-metric';

/** Samples taken from a queue for one request, in append order. */
export interface QueuedBatch {
  readonly refs: number[];
  readonly labels: Labels[];
  readonly timestamps: number[];
  readonly values: Float64Array;
}

/**
 * A fixed-capacity ring of samples for one endpoint. Full means the endpoint is behind: the oldest sample is
 * overwritten (and counted by the caller) so ingestion never waits for a slow or dead remote.
 */
export class SampleQueue {
  private readonly refs: Int32Array;
  private readonly labels: Array<Labels | undefined>;
  private readonly timestamps: Float64Array;
  // Float64Array keeps NaN payloads (the staleness marker) where a number[] would quieten them.
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.refs = new Int32Array(capacity);
    this.labels = new Array<Labels | undefined>(capacity);
    this.timestamps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Adds a sample; returns true when the oldest one had to be dropped to make room. */
  push(ref: number, labels: Labels, t: number, v: number): boolean {
    const dropped = this.count === this.capacity;
    const at = (this.head + this.count) % this.capacity;
    this.refs[at] = ref;
    this.labels[at] = labels;
    this.timestamps[at] = t;
    this.values[at] = v;
    if (dropped) this.head = (this.head + 1) % this.capacity;
    else this.count++;
    return dropped;
  }

  /** Removes and returns up to `max` of the oldest samples. */
  take(max: number): QueuedBatch {
    const n = Math.min(max, this.count);
    const batch: QueuedBatch = { refs: [], labels: [], timestamps: [], values: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const at = (this.head + i) % this.capacity;
      batch.refs.push(this.refs[at]);
      batch.labels.push(this.labels[at] as Labels);
      batch.timestamps.push(this.timestamps[at]);
      batch.values[i] = this.values[at];
      this.labels[at] = undefined;
    }
    this.head = (this.head + n) % this.capacity;
    this.count -= n;
    return batch;
  }
}
