import { Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityModule } from '@neo/instrumentation';
import { BUS_HEALTH, EVENT_BUS, TransportModule } from '@neo/transport';
import { ApiModule } from './api/api.module';
import type { AlerterConfig } from './config/alerter.config';
import { EvaluationModule } from './evaluation/evaluation.module';

@Module({})
export class AppModule {
  static forRoot(config: AlerterConfig): DynamicModule {
    const url = config.publicUrl || `http://127.0.0.1:${config.port}`;
    return {
      module: AppModule,
      imports: [
        TransportModule.forRoot({
          source: 'alerter',
          redisUrl: config.redisUrl,
          channelPrefix: config.channelPrefix,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'alerter',
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
        EvaluationModule.forRoot(config),
        ApiModule,
      ],
    };
  }
}
