import { Gauge } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry';
import { RedSeries, registerRedMetrics } from './red-collector';

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

/**
 * HTTP RED metrics: `http_requests_total`, `http_request_duration_seconds`, `http_response_size_bytes` by
 * method, route template and status class, and `http_requests_in_flight`. Label values are bounded by
 * construction (known methods, route templates, status classes), so no cardinality guard is needed.
 */
export class HttpMetrics {
  private static readonly perRegistry = new WeakMap<MetricsRegistry, HttpMetrics>();

  /** The registry's one HttpMetrics: Nest may build the middleware more than once, the series must be shared. */
  static for(metrics: MetricsRegistry, options: HttpMetricsOptions = {}): HttpMetrics {
    let instance = HttpMetrics.perRegistry.get(metrics);
    if (!instance) {
      instance = new HttpMetrics(metrics, options);
      HttpMetrics.perRegistry.set(metrics, instance);
    }
    return instance;
  }

  /** Requests being served: a plain number on the request path, read by the gauge at scrape time. */
  inFlight = 0;
  /** By raw method, status and route: the request path's lookup. */
  private readonly byRequest = new Map<string, RedSeries>();
  /** By label set: what is exposed (200 and 204 share a status class, so they share a series). */
  private readonly byLabels = new Map<string, RedSeries>();
  private readonly durationBounds: readonly number[];
  private readonly sizeBounds: readonly number[];

  private constructor(metrics: MetricsRegistry, options: HttpMetricsOptions) {
    this.durationBounds = [...(options.durationBuckets ?? DEFAULT_DURATION_BUCKETS)].sort((a, b) => a - b);
    this.sizeBounds = [...(options.sizeBuckets ?? DEFAULT_SIZE_BUCKETS)].sort((a, b) => a - b);
    // prom-client's inc()/dec() hash the (empty) label set twice per request; a collect() hook reads the count.
    const read = () => this.inFlight;
    new Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests being served.',
      registers: [metrics.registry],
      collect() {
        this.set(read());
      },
    });
    registerRedMetrics(
      metrics.registry,
      () => this.byLabels.values(),
      {
        requests: 'http_requests_total',
        duration: 'http_request_duration_seconds',
        size: 'http_response_size_bytes',
      },
      { duration: this.durationBounds, size: this.sizeBounds },
    );
  }

  record(method: string, route: string, status: number, seconds: number, bytes: number | undefined): void {
    const key = `${method} ${status} ${route}`;
    let series = this.byRequest.get(key);
    if (!series) {
      series = this.seriesFor(method, route, status);
      this.byRequest.set(key, series);
    }
    series.observe(seconds, bytes);
  }

  private seriesFor(method: string, route: string, status: number): RedSeries {
    const labels = {
      method: KNOWN_METHODS.has(method) ? method : 'other',
      route,
      status_class: STATUS_CLASSES[Math.floor(status / 100)] ?? 'other',
    };
    const labelKey = `${labels.method} ${labels.status_class} ${route}`;
    let series = this.byLabels.get(labelKey);
    if (!series) {
      series = new RedSeries(labels, this.durationBounds, this.sizeBounds);
      this.byLabels.set(labelKey, series);
    }
    return series;
  }
}
