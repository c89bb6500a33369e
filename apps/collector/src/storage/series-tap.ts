import type { Labels } from '@neo/domain-metric';
import type { AppendSample, SeriesAppendResult, SeriesBatch, SeriesRef } from '@neo/tsdb';
import { RemoteWriteFanout, type SampleTap } from '../remote-write/remote-write-fanout';

interface SeriesAppender {
  appendSeries(batch: SeriesBatch): Promise<SeriesAppendResult>;
}

/**
 * The tap (remote write out) sees `appendBatch` calls through tapAppends; this does the same for the
 * columnar `appendSeries`, expanding a durable batch into the per-sample form the tap takes. The expansion
 * is skipped when the tap is the fan-out with no endpoint (the common case), so ingest pays nothing for it.
 */
export function tapSeriesAppends<S extends SeriesAppender>(store: S, tap: SampleTap): S {
  if (tap instanceof RemoteWriteFanout && tap.endpoints.length === 0) return store;
  const appendSeries = async (batch: SeriesBatch): Promise<SeriesAppendResult> => {
    const result = await store.appendSeries(batch);
    const samples: AppendSample[] = [];
    const refs: SeriesRef[] = [];
    for (let i = 0; i < batch.length; i++) {
      const ref = result.seriesRefs[i];
      const labels = ref >= 0 ? pairsToLabels(batch.pairsAt(i) ?? []) : {};
      for (let k = batch.offsets[i]; k < batch.offsets[i + 1]; k++) {
        samples.push({ labels, timestampMs: batch.timestamps[k], value: batch.values[k] });
        refs.push(ref);
      }
    }
    tap.appended(samples, { accepted: result.accepted, rejected: result.rejected, refs });
    return result;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendSeries') return appendSeries;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function pairsToLabels(pairs: readonly string[]): Labels {
  const labels: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) labels[pairs[i]] = pairs[i + 1];
  return labels;
}
