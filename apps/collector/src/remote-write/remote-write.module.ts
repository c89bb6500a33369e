import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MetricsRegistry } from '@neo/instrumentation';
import type { Tsdb } from '@neo/tsdb';
import { SAMPLE_STORE } from '../storage/sample-store';
import { RemoteEndpoint } from './remote-endpoint';
import { RemoteWriteFanout, SAMPLE_TAP } from './remote-write-fanout';
import { RemoteWriteMetrics } from './remote-write-metrics';
import type { RemoteWriteConfig } from './remote-write.schema';

/** How the remote write module stops and forgets. */
export interface RemoteWriteOptions {
  /** How long the queues may flush at shutdown before what is left counts as dropped. */
  readonly flushDeadlineMs: number;
  /** How often series the store's head no longer holds are looked for (and forgotten on the next look). */
  readonly seriesSweepMs?: number;
}

const REMOTE_WRITE_OPTIONS = Symbol('neo.collector.remote-write-options');
// Head garbage collection happens at compaction (every block range, 2 h by default): a minute is plenty.
const DEFAULT_SERIES_SWEEP_MS = 60_000;

/**
 * Starts the endpoints' sender loops with the app, forgets series the store has dropped, and flushes the
 * queues at shutdown. The flush runs in onApplicationShutdown: by then the HTTP server is closed and the
 * scrapes have stopped, so nothing more is appended and every sample acknowledged before gets its chance.
 */
@Injectable()
class RemoteWriteLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SAMPLE_TAP) private readonly fanout: RemoteWriteFanout,
    @Inject(SAMPLE_STORE) private readonly store: Pick<Tsdb, 'stats'>,
    @Inject(REMOTE_WRITE_OPTIONS) private readonly options: RemoteWriteOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.fanout.endpoints.length === 0) return;
    for (const endpoint of this.fanout.endpoints) endpoint.start();
    this.sweeper = setInterval(
      () => this.fanout.forgetSeriesBefore(this.store.stats().headMinT),
      this.options.seriesSweepMs ?? DEFAULT_SERIES_SWEEP_MS,
    );
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    const { flushDeadlineMs } = this.options;
    await Promise.all(this.fanout.endpoints.map((endpoint) => endpoint.stop(flushDeadlineMs)));
  }
}

/**
 * Remote write out to every `remote_write` endpoint of collector.yaml. Global so that the storage module
 * can find SAMPLE_TAP and observe every append, whoever makes it (scrape, remote_write, OTLP, probes).
 */
@Module({})
export class RemoteWriteModule {
  static forRoot(configs: readonly RemoteWriteConfig[], options: RemoteWriteOptions): DynamicModule {
    return {
      module: RemoteWriteModule,
      global: true,
      providers: [
        {
          provide: SAMPLE_TAP,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => {
            const metrics = new RemoteWriteMetrics(registry);
            return new RemoteWriteFanout(configs.map((config) => new RemoteEndpoint(config, metrics)));
          },
        },
        { provide: REMOTE_WRITE_OPTIONS, useValue: options },
        RemoteWriteLifecycle,
      ],
      exports: [SAMPLE_TAP],
    };
  }
}
