import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityModule, RedisSecurityEventSink } from '@neo/instrumentation';
import { AccountModule } from './account/account.module';
import { DEMO_CONFIG } from './config/demo-config.token';
import type { DemoConfig } from './config/demo.config';
import { HelloModule } from './hello/hello.module';
import { LoadModule } from './load/load.module';
import { StoriesModule } from './stories/stories.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: DemoConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: DEMO_CONFIG, useValue: config }],
      exports: [DEMO_CONFIG],
    };
  }
}

/**
 * The demo is a user's service: one ObservabilityModule import gives it metrics, health, logs and security
 * events. It runs without Redis; with REDIS_URL its security events also reach NEO's alerter.
 */
@Module({})
export class AppModule {
  static forRoot(config: DemoConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          serviceName: 'novel-engine-demo',
          serviceVersion: '1.0.0',
          environment: process.env['NODE_ENV'] ?? 'development',
          instance: `${config.host}:${config.port}`,
          logLevel: config.logLevel,
          security: config.redisUrl
            ? {
                sink: new RedisSecurityEventSink({
                  url: config.redisUrl,
                  source: 'novel-engine-demo',
                  channelPrefix: config.channelPrefix,
                }),
              }
            : {},
        }),
        HelloModule,
        StoriesModule,
        AccountModule,
        LoadModule,
      ],
    };
  }
}
