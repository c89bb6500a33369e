import type { Labels } from '@neo/domain-metric';
import type { AppendResult, AppendSample } from '@neo/tsdb';
import type { RemoteEndpoint } from './remote-endpoint';

/** Injection token of the observer the store calls after every durable batch (see tapAppends). */
export const SAMPLE_TAP = Symbol.for('neo.collector.sample-tap');

/** Told of each batch the store acknowledged, with its result; must not block or throw. */
export interface SampleTap {
  appended(samples: readonly AppendSample[], result: AppendResult): void;
}

// A tap may pass `{}` for a sample appended by ref whose labels it did not decode: that is no label set.
function hasLabels(labels: Labels): boolean {
  for (const name in labels) if (Object.hasOwn(labels, name)) return true;
  return false;
}

/** What the fan-out remembers of a series: its labels and the last timestamp forwarded. */
interface ForwardedSeries {
  readonly labels: Labels;
  lastT: number;
}

/**
 * Feeds every endpoint with the samples the store actually kept. The store reports rejections as counts, so
 * acceptance per sample is re-derived from the series refs: a sample is new when it is later than the last
 * one forwarded for its series (the store's own in-order rule), which also skips identical re-sends.
 * Refs also give the labels of samples appended by ref (the scrape cache), like Prometheus' series cache.
 */
export class RemoteWriteFanout implements SampleTap {
  private series = new Map<number, ForwardedSeries>();
  /** Series found behind the head by the last sweep: deleted by the next one unless a sample revives them. */
  private retiring = new Map<number, ForwardedSeries>();

  constructor(readonly endpoints: readonly RemoteEndpoint[]) {}

  /** Series whose labels are remembered (for samples appended by ref). */
  get seriesCount(): number {
    return this.series.size + this.retiring.size;
  }

  appended(samples: readonly AppendSample[], result: AppendResult): void {
    if (this.endpoints.length === 0) return;
    let unknown = 0;
    for (let i = 0; i < samples.length; i++) {
      const ref = result.refs[i];
      if (ref === undefined || ref < 0) continue;
      const sample = samples[i];
      let known = this.series.get(ref);
      if (known === undefined) {
        known = this.retiring.get(ref);
        if (known !== undefined) {
          this.retiring.delete(ref);
        } else if ('labels' in sample && hasLabels(sample.labels)) {
          known = { labels: sample.labels, lastT: -Infinity };
        } else {
          unknown++;
          continue;
        }
        this.series.set(ref, known);
      }
      if (sample.timestampMs <= known.lastT) continue;
      known.lastT = sample.timestampMs;
      for (const endpoint of this.endpoints)
        endpoint.enqueue(ref, known.labels, sample.timestampMs, sample.value);
    }
    // Only possible if a series was forgotten while alive (see forgetSeriesBefore); counted, never silent.
    if (unknown > 0) for (const endpoint of this.endpoints) endpoint.countDropped('unknown_series', unknown);
  }

  /**
   * Forgets series whose last sample is older than the store's head (`stats().headMinT`); returns how many
   * were deleted. The store drops a series from its head once all of its samples are in blocks and never
   * reuses a ref: an append by that ref is rejected (`unknown_ref`) and the appender resends labels, which
   * get a new ref. That is Prometheus' rule (labels are kept until the head garbage-collects the series).
   * A series is deleted on the second sweep that finds it behind the head, not the first: a batch already
   * applied to the head but not yet acknowledged (so not yet seen here) would otherwise lose its series.
   */
  forgetSeriesBefore(headMinT: number): number {
    const deleted = this.retiring.size;
    this.retiring = new Map();
    for (const [ref, known] of this.series) {
      if (known.lastT < headMinT) {
        this.series.delete(ref);
        this.retiring.set(ref, known);
      }
    }
    return deleted;
  }
}

/**
 * The store with appendBatch observed: after a batch is durable (the promise resolved), the tap sees it.
 * A Proxy rather than a wrapper class so every other member (close, stats, openReport, ...) is the engine's
 * own, bound to it, and the storage module's lifecycle keeps working on the same object.
 */
export function tapAppends<
  S extends { appendBatch(samples: readonly AppendSample[]): Promise<AppendResult> },
>(store: S, tap: SampleTap): S {
  const appendBatch = async (samples: readonly AppendSample[]): Promise<AppendResult> => {
    const result = await store.appendBatch(samples);
    tap.appended(samples, result);
    return result;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendBatch') return appendBatch;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
