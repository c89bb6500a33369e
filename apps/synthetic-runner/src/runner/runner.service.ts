import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { CheckResultV1 } from '@neo/contracts';
import { MetricsRegistry } from '@neo/instrumentation';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import type { HttpCheck } from '../checks/http-check';
import type { SyntheticRunnerConfig } from '../config/synthetic-runner.config';
import { CheckRunner } from './check-runner';
import { HttpProbe } from './http-probe';
import { ProbeMetrics } from './probe-metrics';
import { RUNNER_CONFIG } from './runner.tokens';

/** Wires the CheckRunner to the app: results go to metrics and onto `neo.check.result.v1`. */
@Injectable()
export class RunnerService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('SyntheticRunner');
  private readonly probe = new HttpProbe();
  private readonly runner: CheckRunner;
  private readonly graceMs: number;

  constructor(
    @Inject(RUNNER_CONFIG) config: SyntheticRunnerConfig,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    const probeMetrics = new ProbeMetrics(metrics);
    this.graceMs = config.shutdownGraceMs;
    this.runner = new CheckRunner({
      checks: config.file.checks,
      probe: this.probe,
      initialSpreadMs: config.initialSpreadMs,
      onResult: async (result) => {
        probeMetrics.record(result);
        this.logOutcome(result);
        await this.bus.publish('neo.check.result.v1', result);
      },
      onError: (check, error) =>
        this.logger.warn({ msg: 'could not publish check result', check: check.name, reason: String(error) }),
    });
  }

  // The bus is global and started by its own bootstrap hook before this feature module's.
  onApplicationBootstrap(): void {
    this.runner.start();
    this.logger.log({ msg: 'checks scheduled', checks: this.runner.checks().map((check) => check.name) });
  }

  // Drain here rather than in onApplicationShutdown: the bus closes in beforeApplicationShutdown, and a check
  // that finishes during the grace period should still be published.
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop(this.graceMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop(0);
    await this.probe.close();
  }

  checks(): readonly HttpCheck[] {
    return this.runner.checks();
  }

  check(name: string): HttpCheck | undefined {
    return this.runner.check(name);
  }

  latest(name: string): CheckResultV1 | undefined {
    return this.runner.latest(name);
  }

  private logOutcome(result: CheckResultV1): void {
    const entry = {
      msg: 'check finished',
      check: result.name,
      success: result.success,
      statusCode: result.statusCode,
      durationSeconds: result.durationSeconds,
      error: result.error,
    };
    if (result.success) this.logger.debug(entry);
    else this.logger.warn(entry);
  }
}
