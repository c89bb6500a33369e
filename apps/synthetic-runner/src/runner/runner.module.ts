import { Module, type DynamicModule } from '@nestjs/common';
import type { SyntheticRunnerConfig } from '../config/synthetic-runner.config';
import { PushController } from '../push/push.controller';
import { ChecksController } from './checks.controller';
import { RunnerService } from './runner.service';
import { RUNNER_CONFIG } from './runner.tokens';

/** Runs the checks, publishes their results, serves them under /api/checks and takes pushes under /api/push. */
@Module({})
export class RunnerModule {
  static forRoot(config: SyntheticRunnerConfig): DynamicModule {
    return {
      module: RunnerModule,
      controllers: [ChecksController, PushController],
      providers: [{ provide: RUNNER_CONFIG, useValue: config }, RunnerService],
    };
  }
}
