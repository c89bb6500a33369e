import type { ScrapeOutcome } from './scrape-outcome';
import type { ScrapeTarget } from './scrape-target';

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

  constructor(targets: readonly ScrapeTarget[]) {
    for (const target of targets) {
      this.states.set(keyOf(target), {
        target,
        health: 'unknown',
        lastError: '',
        lastScrapeDurationSeconds: 0,
      });
    }
  }

  record(
    target: ScrapeTarget,
    outcome: ScrapeOutcome,
    scrapeTimeMs: number,
  ): { state: TargetState; changed: boolean } {
    const previous = this.states.get(keyOf(target));
    const state: TargetState = {
      target,
      health: outcome.ok ? 'up' : 'down',
      lastError: outcome.ok ? '' : outcome.error,
      lastScrapeMs: scrapeTimeMs,
      lastScrapeDurationSeconds: outcome.durationMs / 1000,
    };
    this.states.set(keyOf(target), state);
    return { state, changed: previous?.health !== state.health };
  }

  list(): TargetState[] {
    return [...this.states.values()];
  }
}

function keyOf(target: ScrapeTarget): string {
  return `${target.job}\u0000${target.scrapeUrl}`;
}
