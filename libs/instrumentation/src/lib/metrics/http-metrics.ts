import type { Counter, Histogram } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry';

/** Request duration buckets (seconds) unless configured: 5 ms to 10 s. */
export const DEFAULT_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Response size buckets (bytes): 100 B to 10 MB. */
export const DEFAULT_SIZE_BUCKETS = [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

export interface HttpMetricsOptions {
  readonly durationBuckets?: number[];
  readonly sizeBuckets?: number[];
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const STATUS_CLASSES = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];

type RedLabel = 'method' | 'route' | 'status_class';
interface Series {
  readonly labels: Record<RedLabel, string>;
}

/**
 * HTTP RED metrics. Label values are bounded by construction (known methods, route templates, status
 * classes), so they skip the cardinality guard, and each label set is built once and reused.
 */
export class HttpMetrics {
  readonly duration: Histogram<RedLabel>;
  readonly requests: Counter<RedLabel>;
  readonly size: Histogram<RedLabel>;
  readonly inFlight;
  private readonly series = new Map<string, Series>();

  constructor(metrics: MetricsRegistry, options: HttpMetricsOptions = {}) {
    const labels: RedLabel[] = ['method', 'route', 'status_class'];
    this.duration = metrics.unguarded.histogram(
      'http_request_duration_seconds',
      'HTTP request duration by method, route template and status class.',
      labels,
      options.durationBuckets ?? DEFAULT_DURATION_BUCKETS,
    );
    this.requests = metrics.unguarded.counter('http_requests_total', 'HTTP requests served.', labels);
    this.size = metrics.unguarded.histogram(
      'http_response_size_bytes',
      'HTTP response body size (Content-Length) by method, route template and status class.',
      labels,
      options.sizeBuckets ?? DEFAULT_SIZE_BUCKETS,
    );
    this.inFlight = metrics.unguarded.gauge('http_requests_in_flight', 'HTTP requests being served.');
  }

  record(method: string, route: string, status: number, seconds: number, bytes: number | undefined): void {
    const { labels } = this.seriesFor(method, route, status);
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
    if (bytes !== undefined) this.size.observe(labels, bytes);
  }

  private seriesFor(method: string, route: string, status: number): Series {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: {
          method: KNOWN_METHODS.has(method) ? method : 'other',
          route,
          status_class: STATUS_CLASSES[Math.floor(status / 100)] ?? 'other',
        },
      };
      this.series.set(key, series);
    }
    return series;
  }
}
