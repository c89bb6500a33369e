import type { Labels } from '@neo/domain-metric';
import type { AppendResult, AppendSample } from '@neo/tsdb';
import type { RemoteEndpoint } from './remote-endpoint';

/** Injection token of the observer the store calls after every durable batch (see tapAppends). */
export const SAMPLE_TAP = Symbol.for('neo.collector.sample-tap');

/** Told of each batch the store acknowledged, with its result; must not block or throw. */
export interface SampleTap {
  appended(samples: readonly AppendSample[], result: AppendResult): void;
}

/**
 * Feeds every endpoint with the samples the store actually kept. The store reports rejections as counts, so
 * acceptance per sample is re-derived from the series refs: a sample is new when it is later than the last
 * one forwarded for its series (the store's own in-order rule), which also skips identical re-sends.
 * Refs also give the labels of samples appended by ref (the scrape cache), like Prometheus' series cache.
 */
export class RemoteWriteFanout implements SampleTap {
  private readonly labelsByRef = new Map<number, Labels>();
  private readonly lastTimestamp = new Map<number, number>();

  constructor(readonly endpoints: readonly RemoteEndpoint[]) {}

  appended(samples: readonly AppendSample[], result: AppendResult): void {
    if (this.endpoints.length === 0) return;
    for (let i = 0; i < samples.length; i++) {
      const ref = result.refs[i];
      if (ref === undefined || ref < 0) continue;
      const sample = samples[i];
      if ('labels' in sample && !this.labelsByRef.has(ref)) this.labelsByRef.set(ref, sample.labels);
      const labels = this.labelsByRef.get(ref);
      const last = this.lastTimestamp.get(ref);
      if (labels === undefined || (last !== undefined && sample.timestampMs <= last)) continue;
      this.lastTimestamp.set(ref, sample.timestampMs);
      for (const endpoint of this.endpoints) endpoint.enqueue(ref, labels, sample.timestampMs, sample.value);
    }
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
