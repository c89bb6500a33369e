import type { SampleStore } from '../storage/sample-store';
import { fetchExposition } from './fetch-exposition';
import { ScrapeParseError } from './parser/scrape-parse-error';
import { delayToNextSlot, scrapeOffsetMs } from './scrape-offset';
import type { ScrapeOutcome } from './scrape-outcome';
import type { ScrapeTarget } from './scrape-target';
import { TargetAppender, type ScrapeAppendResult } from './target-appender';

/** What a finished scrape reports to whoever keeps health, metadata and metrics. */
export interface ScrapeReport {
  readonly target: ScrapeTarget;
  readonly outcome: ScrapeOutcome;
  readonly scrapeTimeMs: number;
  /** Present when the body was stored. */
  readonly stored?: ScrapeAppendResult;
}

export interface ScrapeLoopOptions {
  readonly store: SampleStore;
  readonly onReport: (report: ScrapeReport) => Promise<void> | void;
  /** A scrape that failed for a reason other than the target (the store refused, a bug). */
  readonly onError: (target: ScrapeTarget, error: unknown) => void;
  readonly now?: () => number;
}

/**
 * One target's loop: scrapes at a stable offset within its interval (targets on one interval are spread
 * rather than fired together), skips a slot while the previous scrape still runs, and writes what it got
 * through its TargetAppender.
 */
export class ScrapeLoop {
  private readonly appender: TargetAppender;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ScrapeReport> | undefined;

  private readonly now: () => number;

  constructor(
    readonly target: ScrapeTarget,
    private readonly options: ScrapeLoopOptions,
  ) {
    this.appender = new TargetAppender(target, options.store);
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.schedule(scrapeOffsetMs(this.target));
  }

  /**
   * Stops the loop and waits for an in-flight scrape. `stale`: the target went away, so its series get
   * staleness markers; on shutdown they do not (a restart resumes them).
   */
  async stop(stale: boolean): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    if (stale) await this.appender.appendEnd(this.now());
  }

  /** One scrape now: fetch, parse and store, then report. */
  async scrapeOnce(): Promise<ScrapeReport> {
    const scrapeTimeMs = this.now();
    const fetched = await fetchExposition(this.target.scrapeUrl, {
      timeoutMs: this.target.timeoutMs,
      authorization: this.target.auth ? () => this.target.auth?.header() ?? '' : undefined,
      stop: this.abort.signal,
    });
    let report: ScrapeReport;
    if (fetched.ok) {
      try {
        const stored = await this.appender.append(
          fetched.body,
          fetched.format,
          scrapeTimeMs,
          fetched.durationMs,
        );
        report = {
          target: this.target,
          outcome: { ok: true, durationMs: fetched.durationMs },
          scrapeTimeMs,
          stored,
        };
      } catch (error) {
        if (!(error instanceof ScrapeParseError)) throw error;
        await this.appender.appendFailure(scrapeTimeMs, fetched.durationMs);
        const outcome = {
          ok: false as const,
          error: `parse error: ${error.message}`,
          durationMs: fetched.durationMs,
        };
        report = { target: this.target, outcome, scrapeTimeMs };
      }
    } else {
      await this.appender.appendFailure(scrapeTimeMs, fetched.durationMs);
      report = { target: this.target, outcome: fetched, scrapeTimeMs };
    }
    await this.options.onReport(report);
    return report;
  }

  private schedule(offsetMs: number): void {
    if (this.abort.signal.aborted) return;
    const delay = delayToNextSlot(this.now(), this.target.intervalMs, offsetMs);
    this.timer = setTimeout(() => this.fire(offsetMs), delay);
    // The HTTP server keeps the process alive; a pending scrape must not hold it open on shutdown.
    this.timer.unref();
  }

  private fire(offsetMs: number): void {
    if (this.abort.signal.aborted) return;
    this.running = this.scrapeOnce();
    this.running
      // A failed run must not end the loop; the next slot tries again.
      .catch((error: unknown) => this.options.onError(this.target, error))
      .finally(() => {
        this.running = undefined;
        this.schedule(offsetMs);
      });
  }
}
