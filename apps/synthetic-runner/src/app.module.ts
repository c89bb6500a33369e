import { Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityModule } from '@neo/instrumentation';
import { BUS_HEALTH, EVENT_BUS, TransportModule } from '@neo/transport';
import type { SyntheticRunnerConfig } from './config/synthetic-runner.config';
import { RunnerModule } from './runner/runner.module';

@Module({})
export class AppModule {
  static forRoot(config: SyntheticRunnerConfig): DynamicModule {
    const url = config.publicUrl || `http://127.0.0.1:${config.port}`;
    return {
      module: AppModule,
      imports: [
        TransportModule.forRoot({
          source: 'synthetic-runner',
          redisUrl: config.redisUrl,
          channelPrefix: config.channelPrefix,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'synthetic-runner',
          logLevel: config.logLevel,
          healthContributors: [BUS_HEALTH],
          heartbeat: {
            sink: EVENT_BUS,
            intervalMs: config.heartbeatIntervalMs,
            instance: new URL(url).host,
            url,
            busMode: config.redisUrl ? 'redis' : 'in-process',
          },
        }),
        RunnerModule.forRoot(config),
      ],
    };
  }
}
