import { Inject, Injectable } from '@nestjs/common';
import type { CheckResultV1 } from '@neo/contracts';
import { MetricsRegistry } from '@neo/instrumentation';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import {
  AVAILABILITY_STORE,
  WINDOWS,
  type AvailabilityStore,
  type WindowName,
  type WindowStats,
} from './availability-store';
import { isRegressed, REGRESSION_RATIO } from './regression';

export interface AvailabilityReport {
  readonly check: string;
  readonly windows: Record<WindowName, WindowStats>;
  readonly lastHour: { readonly p95Seconds: number | null; readonly samples: number };
  readonly baseline: { readonly window: '7d'; readonly p95Seconds: number | null };
  readonly regressed: boolean;
  readonly regressionRatio: number;
}

/** Regression is re-evaluated at most this often per check (it reads 7 days of buckets). */
const EVALUATE_EVERY_MS = 60_000;

/** Availability, percentiles and baselines per check, from the history kept in Redis (or memory without it). */
@Injectable()
export class AvailabilityService {
  private readonly lastEvaluated = new Map<string, number>();
  private readonly regressionGauge;
  private readonly baselineGauge;

  constructor(
    @Inject(AVAILABILITY_STORE) private readonly store: AvailabilityStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.regressionGauge = metrics.unguarded.gauge(
      'neo_check_latency_regression',
      'Whether the last hour p95 of the check is above 1.5x its 7-day baseline p95.',
      ['check'],
    );
    this.baselineGauge = metrics.unguarded.gauge(
      'neo_check_latency_baseline_p95_seconds',
      'The 7-day p95 latency of the check.',
      ['check'],
    );
  }

  async record(result: CheckResultV1): Promise<void> {
    await this.store.record(result);
    const last = this.lastEvaluated.get(result.name) ?? 0;
    if (Date.now() - last >= EVALUATE_EVERY_MS) {
      this.lastEvaluated.set(result.name, Date.now());
      await this.evaluate(result.name);
    }
  }

  async report(check: string, nowMs = Date.now()): Promise<AvailabilityReport> {
    const store = this.store;
    const entries = await Promise.all(
      (Object.keys(WINDOWS) as WindowName[]).map(
        async (name) => [name, await store.window(check, WINDOWS[name], nowMs)] as const,
      ),
    );
    const windows = Object.fromEntries(entries) as Record<WindowName, WindowStats>;
    const lastHour = await store.recent(check, nowMs);
    const baseline = windows['7d'].p95Seconds;
    return {
      check,
      windows,
      lastHour,
      baseline: { window: '7d', p95Seconds: baseline },
      regressed: isRegressed({
        recentP95: lastHour.p95Seconds,
        recentSamples: lastHour.samples,
        baselineP95: baseline,
      }),
      regressionRatio: REGRESSION_RATIO,
    };
  }

  /** Publishes `neo.check.regression.v1` when the state flips; the flip is decided in the store so replicas agree. */
  async evaluate(check: string): Promise<AvailabilityReport> {
    const report = await this.report(check);
    const { regressed, lastHour, baseline } = report;
    this.regressionGauge.set({ check }, regressed ? 1 : 0);
    if (baseline.p95Seconds !== null) this.baselineGauge.set({ check }, baseline.p95Seconds);
    const next = regressed ? 'regressed' : 'recovered';
    const was = await this.store.swapRegressionState(check, next);
    if (was !== next) {
      await this.bus.publish('neo.check.regression.v1', {
        checkId: check,
        name: check,
        state: next,
        p95Seconds: lastHour.p95Seconds ?? 0,
        baselineP95Seconds: baseline.p95Seconds ?? 0,
        ratio: baseline.p95Seconds ? (lastHour.p95Seconds ?? 0) / baseline.p95Seconds : 0,
        at: new Date().toISOString(),
      });
    }
    return report;
  }
}
