import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsRegistry } from '@neo/instrumentation';

/** Push protocols the collector receives. */
export type IngestProtocol = 'remote_write' | 'otlp';

/** Counters of the push endpoints, shared by the remote_write and OTLP receivers. */
@Injectable()
export class IngestMetrics {
  readonly requests: Counter<'protocol' | 'code'>;
  readonly samples: Counter<'protocol'>;
  readonly rejected: Counter<'protocol' | 'reason'>;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.requests = metrics.counter(
      'neo_collector_ingest_requests_total',
      'Push requests received, by protocol and HTTP status answered.',
      ['protocol', 'code'],
    );
    this.samples = metrics.counter(
      'neo_collector_ingest_samples_total',
      'Pushed samples stored (acknowledged to the sender).',
      ['protocol'],
    );
    this.rejected = metrics.counter(
      'neo_collector_ingest_samples_rejected_total',
      'Pushed samples not stored, by reason (out_of_order, invalid, ...).',
      ['protocol', 'reason'],
    );
  }
}
