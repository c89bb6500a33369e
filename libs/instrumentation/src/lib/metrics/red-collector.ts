import type { Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;

/** One label set's counts, kept as plain numbers so the request path does no hashing or allocation. */
export class RedSeries {
  count = 0;
  durationSum = 0;
  readonly durationBuckets: Float64Array;
  sizeCount = 0;
  sizeSum = 0;
  readonly sizeBuckets: Float64Array;

  constructor(
    readonly labels: Labels,
    private readonly durationBounds: readonly number[],
    private readonly sizeBounds: readonly number[],
  ) {
    this.durationBuckets = new Float64Array(durationBounds.length);
    this.sizeBuckets = new Float64Array(sizeBounds.length);
  }

  observe(seconds: number, bytes: number | undefined): void {
    this.count++;
    this.durationSum += seconds;
    countInto(this.durationBuckets, this.durationBounds, seconds);
    if (bytes !== undefined && Number.isFinite(bytes)) {
      this.sizeCount++;
      this.sizeSum += bytes;
      countInto(this.sizeBuckets, this.sizeBounds, bytes);
    }
  }
}

// Non-cumulative counts per bucket; the exposition accumulates them (`+Inf` is the total count).
function countInto(buckets: Float64Array, bounds: readonly number[], value: number): void {
  for (let i = 0; i < bounds.length; i++) {
    if (value <= (bounds[i] as number)) {
      buckets[i] = (buckets[i] as number) + 1;
      return;
    }
  }
}

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/**
 * Exposes RED series to a prom-client registry as a custom collector (the `registerMetric` contract: name,
 * help, type, get, reset). prom-client's own Histogram hashes the label set on every observation; here the
 * request path bumps numbers in an object it already holds, and the cost moves to the scrape.
 */
export function registerRedMetrics(
  registry: Registry,
  series: () => Iterable<RedSeries>,
  names: { requests: string; duration: string; size: string },
  bounds: { duration: readonly number[]; size: readonly number[] },
): void {
  const counter = {
    name: names.requests,
    help: 'HTTP requests served, by method, route template and status class.',
    type: 'counter',
    aggregator: 'sum',
    get: async () => ({
      name: names.requests,
      help: counter.help,
      type: 'counter',
      aggregator: 'sum',
      values: [...series()].map((s): MetricValue => ({ value: s.count, labels: { ...s.labels } })),
    }),
    reset: () => undefined,
  };
  const histogram = (
    name: string,
    help: string,
    pick: (s: RedSeries) => [Float64Array, number, number],
    le: readonly number[],
  ) => {
    const metric = {
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      get: async () => {
        const values: MetricValue[] = [];
        for (const s of series()) {
          const [buckets, sum, count] = pick(s);
          let cumulative = 0;
          le.forEach((bound, i) => {
            cumulative += buckets[i] as number;
            values.push({
              value: cumulative,
              labels: { ...s.labels, le: bound },
              metricName: `${name}_bucket`,
            });
          });
          values.push({ value: count, labels: { ...s.labels, le: '+Inf' }, metricName: `${name}_bucket` });
          values.push({ value: sum, labels: { ...s.labels }, metricName: `${name}_sum` });
          values.push({ value: count, labels: { ...s.labels }, metricName: `${name}_count` });
        }
        return { name, help, type: 'histogram', aggregator: 'sum', values };
      },
      reset: () => undefined,
    };
    return metric;
  };
  const register = (metric: { name: string }) =>
    registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
  register(counter);
  register(
    histogram(
      names.duration,
      'HTTP request duration by method, route template and status class.',
      (s) => [s.durationBuckets, s.durationSum, s.count],
      bounds.duration,
    ),
  );
  register(
    histogram(
      names.size,
      'HTTP response body size (Content-Length) by method, route template and status class.',
      (s) => [s.sizeBuckets, s.sizeSum, s.sizeCount],
      bounds.size,
    ),
  );
}
