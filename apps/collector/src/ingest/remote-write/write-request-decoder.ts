import type { Labels } from '@neo/domain-metric';
import { decodeWriteBatch } from './write-batch';

export { InvalidSeriesError } from './series-labels';

/** One series of a WriteRequest, labels validated, samples in wire order. */
export interface DecodedSeries {
  readonly labels: Labels;
  readonly timestamps: number[];
  readonly values: number[];
}

export interface DecodedWriteRequest {
  readonly series: DecodedSeries[];
  readonly samples: number;
}

/**
 * A WriteRequest as plain objects: the receiver appends {@link decodeWriteBatch}'s columns directly; this
 * view of the same decoder serves tests and tools that want to look at a request.
 */
export function decodeWriteRequest(body: Buffer): DecodedWriteRequest {
  const batch = decodeWriteBatch(body);
  const series: DecodedSeries[] = [];
  for (let i = 0; i < batch.length; i++) {
    const pairs = batch.pairsAt(i) ?? [];
    const labels: Record<string, string> = {};
    for (let j = 0; j < pairs.length; j += 2) labels[pairs[j]] = pairs[j + 1];
    const from = batch.offsets[i];
    const to = batch.offsets[i + 1];
    const timestamps: number[] = [];
    const values: number[] = [];
    // Element by element: Array.from would turn the staleness marker into a plain NaN.
    for (let k = from; k < to; k++) {
      timestamps.push(batch.timestamps[k]);
      values.push(batch.values[k]);
    }
    series.push({ labels, timestamps, values });
  }
  return { series, samples: batch.samples };
}
