import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Envelope } from '@neo/contracts';
import { MetricsRegistry } from '@neo/instrumentation';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import type { Counter } from 'prom-client';
import { SAMPLE_STORE, type SampleStore } from '../storage/sample-store';
import { probeSamples } from './probe-samples';

/** Turns every synthetic check result on the bus into probe_* samples. */
@Injectable()
export class ProbeResultsSubscriber implements OnModuleInit {
  private readonly logger = new Logger('Probes');
  private readonly results: Counter<'result'>;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.results = metrics.counter(
      'neo_collector_probe_results_total',
      'Check results recorded, by outcome.',
      ['result'],
    );
  }

  // Subscriptions must exist before the bus starts in onApplicationBootstrap.
  onModuleInit(): void {
    this.bus.subscribe('neo.check.result.v1', (envelope) => this.record(envelope));
  }

  async record(envelope: Envelope<'neo.check.result.v1'>): Promise<void> {
    const result = envelope.payload;
    // Stored at arrival: a result's own clock may lag ours, and an older timestamp would be dropped as out of order.
    const samples = probeSamples(result, Date.now());
    const written = await this.store.appendBatch(samples);
    this.results.inc({ result: result.success ? 'success' : 'failure' });
    if (written.accepted < samples.length) {
      this.logger.warn({
        msg: 'probe samples rejected by the store',
        check: result.name,
        rejected: written.rejected,
      });
    }
  }
}
