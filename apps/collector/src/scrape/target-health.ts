import type { ScrapeOutcome } from './scrape-outcome';
import { targetKey, type ScrapeTarget } from './scrape-target';

export type HealthState = 'up' | 'down' | 'unknown';

/** What is known about a target after its latest scrape. */
export interface TargetState {
  readonly target: ScrapeTarget;
  readonly health: HealthState;
  readonly lastError: string;
  /** Undefined until the first scrape finished. */
  readonly lastScrapeMs?: number;
  readonly lastScrapeDurationSeconds: number;
}

/** Keeps each target's health; `record` says whether it changed (the first scrape always counts). */
export class TargetHealthBook {
  private readonly states = new Map<string, TargetState>();

  constructor(targets: readonly ScrapeTarget[] = []) {
    for (const target of targets) this.track(target);
  }

  /** A target to report on before its first scrape (health `unknown`). */
  track(target: ScrapeTarget): void {
    if (!this.states.has(targetKey(target))) {
      this.states.set(targetKey(target), {
        target,
        health: 'unknown',
        lastError: '',
        lastScrapeDurationSeconds: 0,
      });
    }
  }

  /** The target is gone from discovery. */
  forget(target: ScrapeTarget): void {
    this.states.delete(targetKey(target));
  }

  record(
    target: ScrapeTarget,
    outcome: ScrapeOutcome,
    scrapeTimeMs: number,
  ): { state: TargetState; changed: boolean } {
    const previous = this.states.get(targetKey(target));
    const state: TargetState = {
      target,
      health: outcome.ok ? 'up' : 'down',
      lastError: outcome.ok ? '' : outcome.error,
      lastScrapeMs: scrapeTimeMs,
      lastScrapeDurationSeconds: outcome.durationMs / 1000,
    };
    this.states.set(targetKey(target), state);
    return { state, changed: previous?.health !== state.health };
  }

  list(): TargetState[] {
    return [...this.states.values()];
  }
}
