import { Module, type DynamicModule } from '@nestjs/common';
import type { SyntheticRunnerConfig } from '../config/synthetic-runner.config';
import { ChecksController } from './checks.controller';
import { RunnerService } from './runner.service';
import { RUNNER_CONFIG } from './runner.tokens';

/** Runs the configured checks, publishes their results and serves them under /api/checks. */
@Module({})
export class RunnerModule {
  static forRoot(config: SyntheticRunnerConfig): DynamicModule {
    return {
      module: RunnerModule,
      controllers: [ChecksController],
      providers: [{ provide: RUNNER_CONFIG, useValue: config }, RunnerService],
    };
  }
}
