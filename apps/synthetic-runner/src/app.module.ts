import { Module, type DynamicModule } from '@nestjs/common';
import { NeoServiceModule } from '@neo/service-runtime';
import type { SyntheticRunnerConfig } from './config/synthetic-runner.config';
import { RunnerModule } from './runner/runner.module';

@Module({})
export class AppModule {
  static forRoot(config: SyntheticRunnerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        NeoServiceModule.forRoot({ service: 'synthetic-runner', settings: config }),
        RunnerModule.forRoot(config),
      ],
    };
  }
}
