import { Module, type DynamicModule } from '@nestjs/common';
import { NeoServiceModule } from '@neo/service-runtime';
import { ApiModule } from './api/api.module';
import type { AlerterConfig } from './config/alerter.config';
import { EvaluationModule } from './evaluation/evaluation.module';

@Module({})
export class AppModule {
  static forRoot(config: AlerterConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        NeoServiceModule.forRoot({ service: 'alerter', settings: config }),
        EvaluationModule.forRoot(config),
        ApiModule,
      ],
    };
  }
}
