import { delayToNextSlot, scrapeOffsetMs } from './scrape-offset';
import type { ScrapeTarget } from './scrape-target';

export type ScrapeRun = (target: ScrapeTarget, stop: AbortSignal) => Promise<void>;

/**
 * Runs each target on its own interval at its own offset. A slot that arrives while the previous scrape of
 * the same target is still running is skipped rather than stacked. `stop` aborts in-flight scrapes.
 */
export class ScrapeScheduler {
  private readonly timers = new Map<ScrapeTarget, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly targets: readonly ScrapeTarget[],
    private readonly run: ScrapeRun,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    for (const target of this.targets) this.schedule(target, scrapeOffsetMs(target));
  }

  /** Stops scheduling, aborts in-flight scrapes and waits for them to settle. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(target: ScrapeTarget, offsetMs: number): void {
    if (this.abort.signal.aborted) return;
    const delay = delayToNextSlot(this.now(), target.intervalMs, offsetMs);
    const timer = setTimeout(() => this.fire(target, offsetMs), delay);
    // The HTTP server keeps the process alive; a pending scrape must not hold it open on shutdown.
    timer.unref();
    this.timers.set(target, timer);
  }

  private fire(target: ScrapeTarget, offsetMs: number): void {
    const scrape = this.run(target, this.abort.signal)
      // A failed run must not end the loop; the run reports its own errors.
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(scrape);
        this.schedule(target, offsetMs);
      });
    this.running.add(scrape);
  }
}
