import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsRegistry } from '@neo/instrumentation';
import { RemoteEndpoint } from './remote-endpoint';
import { RemoteWriteFanout, SAMPLE_TAP } from './remote-write-fanout';
import { RemoteWriteMetrics } from './remote-write-metrics';
import type { RemoteWriteConfig } from './remote-write.schema';

/** Starts the endpoints' sender loops with the app and stops them before the store closes. */
@Injectable()
class RemoteWriteLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(SAMPLE_TAP) private readonly fanout: RemoteWriteFanout) {}

  onApplicationBootstrap(): void {
    for (const endpoint of this.fanout.endpoints) endpoint.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.fanout.endpoints.map((endpoint) => endpoint.stop()));
  }
}

/**
 * Remote write out to every `remote_write` endpoint of collector.yaml. Global so that the storage module
 * can find SAMPLE_TAP and observe every append, whoever makes it (scrape, remote_write, OTLP, probes).
 */
@Module({})
export class RemoteWriteModule {
  static forRoot(configs: readonly RemoteWriteConfig[]): DynamicModule {
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
        RemoteWriteLifecycle,
      ],
      exports: [SAMPLE_TAP],
    };
  }
}
