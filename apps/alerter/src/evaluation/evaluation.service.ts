import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '@neo/transport';
import type { LoadedRuleGroup } from '../rules/loaded-rules';
import { Notifier } from '../notify/notifier';
import { RULE_GROUPS } from './evaluation.tokens';
import { RuleEvaluator } from './rule-evaluator';

/**
 * Runs each rule group on its own interval. Evaluations of one group never overlap; on shutdown the timers
 * stop, the running evaluations finish and notifications in flight are delivered.
 */
@Injectable()
export class EvaluationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Evaluation');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly evaluator: RuleEvaluator,
    @Inject(RULE_GROUPS) private readonly groups: readonly LoadedRuleGroup[],
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    private readonly notifier: Notifier,
  ) {}

  onApplicationBootstrap(): void {
    // The transport connects Redis in its own bootstrap hook; state is read only once that connection is up.
    void this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
    await this.notifier.drain();
  }

  private async start(): Promise<void> {
    await this.redisReady();
    if (this.stopped) return;
    try {
      await this.evaluator.restore(this.groups);
    } catch (error) {
      this.logger.warn({
        msg: 'could not restore alert state; evaluations will retry',
        reason: (error as Error).message,
      });
    }
    this.logger.log({
      msg: 'evaluating rules',
      groups: this.groups.map((g) => ({
        name: g.name,
        file: g.file,
        intervalMs: g.intervalMs,
        rules: g.rules.length,
      })),
    });
    for (const group of this.groups) this.schedule(group, 0);
  }

  private schedule(group: LoadedRuleGroup, delayMs: number): void {
    if (this.stopped) return;
    this.timers.set(
      group.name,
      setTimeout(() => {
        const started = Date.now();
        const run = this.evaluator.evaluateGroup(group).catch((error: unknown) =>
          this.logger.error({
            msg: 'group evaluation crashed',
            group: group.name,
            reason: (error as Error).message,
          }),
        );
        this.running.add(run);
        void run.finally(() => {
          this.running.delete(run);
          this.schedule(group, Math.max(0, group.intervalMs - (Date.now() - started)));
        });
      }, delayMs),
    );
  }

  private async redisReady(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearInterval(poll);
        resolve();
      };
      // Polling as well as the event: the stop flag must end the wait too.
      const poll = setInterval(() => {
        if (redis.status === 'ready' || this.stopped) done();
      }, 50);
      redis.once('ready', done);
    });
  }
}
