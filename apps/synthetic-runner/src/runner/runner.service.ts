import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { CheckResultV1 } from '@neo/contracts';
import { MetricsRegistry } from '@neo/instrumentation';
import { EVENT_BUS, REDIS_CLIENT, type EventBus } from '@neo/transport';
import type Redis from 'ioredis';
import type { Check } from '@neo/domain-check';
import { loadSyntheticRunnerConfig, type SyntheticRunnerConfig } from '../config/synthetic-runner.config';
import { NetworkPolicy } from '../probes/network-policy';
import { Prober } from '../probes/prober';
import { MemoryPushStore, RedisPushStore, type PushStore } from '../push/push-store';
import { LocalCoordinator, type Coordinator } from '../scheduling/coordinator';
import { RedisCoordinator } from '../scheduling/redis-coordinator';
import type { ApiCheckSource } from '../sources/api-check-source';
import { parseApiChecks, signatureOf } from '../sources/api-checks';
import { InProcessApiCheckSource } from '../sources/in-process-api-check-source';
import { RedisApiCheckSource } from '../sources/redis-api-check-source';
import { FileWatch } from '../sources/file-watch';
import { CheckRunner } from './check-runner';
import { toCheckView, type CheckView } from './dto/check-view';
import { ProbeMetrics } from './probe-metrics';
import { RUNNER_CONFIG } from './runner.tokens';

/**
 * Wires the CheckRunner to the app: checks come from the YAML file (hot-reloaded) and from Redis (API-made,
 * with pauses), slots are shared with other replicas through Redis leases, results go to metrics and onto
 * `neo.check.result.v1`.
 */
@Injectable()
export class RunnerService
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger('SyntheticRunner');
  private readonly runner: CheckRunner;
  private readonly metrics: ProbeMetrics;
  private readonly apiSource: ApiCheckSource;
  readonly pushes: PushStore;
  private fileChecks: Check[];
  private apiChecks: Check[] = [];
  private paused = new Set<string>();
  private apiSignature = '';
  private readonly instance: string;
  private watch?: FileWatch;
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    @Inject(RUNNER_CONFIG) private readonly config: SyntheticRunnerConfig,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(REDIS_CLIENT) redis: Redis | null,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.metrics = new ProbeMetrics(metrics);
    this.instance = `${hostname()}:${config.port}:${process.pid}`;
    this.pushes = redis ? new RedisPushStore(redis, config.keyPrefix) : new MemoryPushStore();
    // No Redis client means the in-process bus (all-in-one): API-made checks then live in this process's memory.
    this.apiSource = redis ? new RedisApiCheckSource(redis, config.keyPrefix) : new InProcessApiCheckSource();
    const coordinator: Coordinator = redis
      ? new RedisCoordinator(redis, config.keyPrefix, this.instance)
      : new LocalCoordinator();
    this.fileChecks = [...config.file.checks];
    this.runner = new CheckRunner({
      probe: new Prober(new NetworkPolicy(config.allowNetworks, config.denyNetworks), this.pushes),
      coordinator,
      initialSpreadMs: config.initialSpreadMs,
      instance: this.instance,
      isPaused: (name) => this.paused.has(name),
      onLateness: (_check, ms) => this.metrics.recordLateness(ms),
      onSkip: (check, reason) => this.metrics.recordSkip(check.name, reason),
      onResult: async (result) => {
        this.metrics.record(result);
        this.logOutcome(result);
        await this.bus.publish('neo.check.result.v1', result);
      },
      onError: (check, error) =>
        this.logger.warn({ msg: 'could not publish check result', check: check.name, reason: String(error) }),
    });
  }

  // Subscriptions must exist before the bus starts.
  onModuleInit(): void {
    this.bus.subscribe('neo.check.definition.v1', () => this.refreshApiChecks());
    this.bus.subscribe('neo.check.command.v1', async (envelope) => {
      const { name, requestId } = envelope.payload;
      if (await this.runner.runNow(name, requestId))
        this.logger.log({ msg: 'ran check on request', check: name });
    });
  }

  // The bus and Redis are started by the transport's own bootstrap hook before this feature module's.
  async onApplicationBootstrap(): Promise<void> {
    // File checks run even when API-made ones cannot be read (Redis not ready yet).
    this.apply();
    await this.refreshApiChecks();
    this.runner.start();
    this.logger.log({ msg: 'checks scheduled', checks: this.runner.checks().map((check) => check.name) });
    if (this.config.configFile) {
      this.watch = new FileWatch(this.config.configFile, this.config.reloadIntervalMs, () =>
        this.reloadFile(),
      );
      this.watch.start();
    }
    // Events are at-most-once: re-read the source now and then so a missed change still arrives.
    this.refreshTimer = setInterval(() => void this.refreshApiChecks(), this.config.reloadIntervalMs);
    this.refreshTimer.unref();
  }

  // Drain here rather than in onApplicationShutdown: the bus closes in beforeApplicationShutdown, and a check
  // that finishes during the grace period should still be published.
  async onModuleDestroy(): Promise<void> {
    this.watch?.stop();
    clearInterval(this.refreshTimer);
    await this.runner.stop(this.config.shutdownGraceMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop(0);
  }

  views(): CheckView[] {
    return this.runner.checks().map((check) => this.view(check));
  }

  view(name: string): CheckView | undefined;
  view(check: Check): CheckView;
  view(nameOrCheck: string | Check): CheckView | undefined {
    const check = typeof nameOrCheck === 'string' ? this.runner.check(nameOrCheck) : nameOrCheck;
    if (!check) return undefined;
    const source = this.fileChecks.some((c) => c.name === check.name) ? 'file' : 'api';
    return toCheckView(check, this.runner.latest(check.name), {
      source,
      paused: this.paused.has(check.name),
    });
  }

  checks(): readonly Check[] {
    return this.runner.checks();
  }

  latest(name: string): CheckResultV1 | undefined {
    return this.runner.latest(name);
  }

  private reloadFile(): void {
    const path = this.config.configFile;
    if (!path) return;
    try {
      this.fileChecks = [...loadSyntheticRunnerConfig({ NEO_SYNTHETIC_CONFIG: path }).file.checks];
      this.apply();
      this.logger.log({ msg: 'checks file reloaded', file: path, checks: this.fileChecks.length });
    } catch (error) {
      // Keep running the last good set: a typo must not stop monitoring.
      this.logger.error({ msg: 'checks file rejected, keeping the previous checks', reason: String(error) });
    }
  }

  private async refreshApiChecks(): Promise<void> {
    try {
      const stored = await this.apiSource.read();
      if (!stored) return;
      // The periodic re-read usually finds nothing new; parsing and re-applying would rebuild every check.
      const signature = signatureOf(stored);
      if (signature === this.apiSignature) return;
      this.apiSignature = signature;
      const api = parseApiChecks(stored);
      for (const [name, reason] of api.invalid) {
        this.logger.warn({ msg: 'API-made check rejected', check: name, reason });
      }
      this.apiChecks = api.checks;
      this.paused = api.paused;
      this.apply();
    } catch (error) {
      this.logger.warn({ msg: 'could not read API-made checks', reason: String(error) });
    }
  }

  // File checks win a name clash: the file is the operator's source of truth.
  private apply(): void {
    const names = new Set(this.fileChecks.map((check) => check.name));
    const merged = [...this.fileChecks, ...this.apiChecks.filter((check) => !names.has(check.name))];
    this.runner.setChecks(merged);
    void this.publishCatalog();
  }

  // dashboard-api lists file checks from here (it cannot read our file).
  private async publishCatalog(): Promise<void> {
    const entries = new Map(
      this.runner.checks().map((check) => {
        const { lastResult: _dropped, ...view } = this.view(check);
        return [check.name, JSON.stringify(view)] as const;
      }),
    );
    await this.apiSource.publishCatalog(entries).catch(() => undefined);
  }

  private logOutcome(result: CheckResultV1): void {
    const entry = {
      msg: 'check finished',
      check: result.name,
      state: result.state,
      success: result.success,
      statusCode: result.statusCode,
      durationSeconds: result.durationSeconds,
      error: result.error,
    };
    if (result.success) this.logger.debug(entry);
    else this.logger.warn(entry);
  }
}
