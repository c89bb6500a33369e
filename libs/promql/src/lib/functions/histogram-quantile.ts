/** One classic histogram bucket: cumulative count of observations <= upperBound. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/** Prometheus' bucketQuantile for classic (le-labelled) histograms. */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1].upperBound !== Infinity) {
    return NaN;
  }
  // Buckets with the same bound (e.g. le="1" and le="1.0") are summed.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last !== undefined && last.upperBound === b.upperBound) {
      last.count += b.count;
    } else {
      buckets.push({ ...b });
    }
  }
  // Counts must not decrease with the bound (scrapes of buckets are not atomic).
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) {
      max = b.count;
    } else if (b.count < max) {
      b.count = max;
    }
  }
  if (buckets.length < 2) {
    return NaN;
  }
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) {
    return NaN;
  }
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) {
    return buckets[buckets.length - 2].upperBound;
  }
  if (b === 0 && buckets[0].upperBound <= 0) {
    return buckets[0].upperBound;
  }
  let start = 0;
  const end = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (end - start) * (rank / count);
}
