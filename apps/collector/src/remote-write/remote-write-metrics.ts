import type { Counter, Gauge } from 'prom-client';
import type { MetricsRegistry } from '@neo/instrumentation';

/** Why samples never reached an endpoint. */
export type DropReason = 'queue_full' | 'rejected' | 'retries_exhausted' | 'shutdown' | 'unknown_series';

/** The remote write metrics, one label `remote` per configured endpoint (its name). */
export class RemoteWriteMetrics {
  readonly samples: Counter<'remote' | 'result'>;
  readonly dropped: Counter<'remote' | 'reason'>;
  readonly failures: Counter<'remote'>;
  readonly queueLength: Gauge<'remote'>;
  readonly lag: Gauge<'remote'>;

  constructor(registry: MetricsRegistry) {
    this.samples = registry.counter(
      'neo_remote_write_samples_total',
      'Samples sent to a remote write endpoint, by result: success, failed (rejected with 4xx), retried.',
      ['remote', 'result'],
    );
    this.dropped = registry.counter(
      'neo_remote_write_dropped_total',
      'Samples that never reached a remote write endpoint, by reason.',
      ['remote', 'reason'],
    );
    this.failures = registry.counter(
      'neo_remote_write_failures_total',
      'Remote write requests that failed (network error or non-2xx answer), retried or not.',
      ['remote'],
    );
    this.queueLength = registry.gauge(
      'neo_remote_write_queue_length',
      'Samples waiting in the queue of a remote write endpoint.',
      ['remote'],
    );
    this.lag = registry.gauge(
      'neo_remote_write_lag_seconds',
      'Newest appended sample timestamp minus the highest timestamp sent successfully to the endpoint.',
      ['remote'],
    );
  }
}
