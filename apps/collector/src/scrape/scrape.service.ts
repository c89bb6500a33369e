import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@neo/instrumentation';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { SAMPLE_STORE, type SampleStore } from '../storage/sample-store';
import { scrapeOnce } from './fetch-exposition';
import { ScrapeScheduler } from './scrape-scheduler';
import { scrapeSamples } from './scrape-samples';
import type { ScrapeTarget } from './scrape-target';
import { SCRAPE_TARGETS } from './scrape.tokens';
import { TargetHealthBook, type TargetState } from './target-health';

/** Scrapes every configured target on its interval, stores the samples and announces health changes. */
@Injectable()
export class ScrapeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scrape');
  private readonly scheduler: ScrapeScheduler;
  private readonly scrapes: Counter<'job' | 'result'>;
  private readonly durations: Histogram<'job'>;
  private readonly appended: Counter<'job'>;
  private readonly outOfOrder: Counter<'job'>;

  constructor(
    @Inject(SCRAPE_TARGETS) private readonly targets: readonly ScrapeTarget[],
    @Inject(TargetHealthBook) private readonly book: TargetHealthBook,
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.scheduler = new ScrapeScheduler(targets, async (target, stop) => {
      await this.scrape(target, stop);
    });
    this.scrapes = metrics.counter(
      'neo_collector_scrapes_total',
      'Scrapes by job and result (success or failure).',
      ['job', 'result'],
    );
    this.durations = metrics.histogram(
      'neo_collector_scrape_duration_seconds',
      'Time taken by each scrape.',
      ['job'],
    );
    this.appended = metrics.counter(
      'neo_collector_samples_appended_total',
      'Samples written to the store by scrapes.',
      ['job'],
    );
    this.outOfOrder = metrics.counter(
      'neo_collector_samples_out_of_order_total',
      'Scraped samples dropped because their series already had a newer one.',
      ['job'],
    );
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
    this.logger.log({ msg: 'scraping started', targets: this.targets.length });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }

  /** One scrape of one target, from request to stored samples and health event. */
  async scrape(target: ScrapeTarget, stop?: AbortSignal): Promise<TargetState> {
    const scrapeTimeMs = Date.now();
    const outcome = await scrapeOnce(target.scrapeUrl, target.timeoutMs, stop);
    const written = await this.store.appendBatch(scrapeSamples(target, outcome, scrapeTimeMs));
    this.appended.inc({ job: target.job }, written.accepted);
    const outOfOrder = written.rejected.out_of_order + written.rejected.duplicate + written.rejected.too_old;
    if (outOfOrder > 0) this.outOfOrder.inc({ job: target.job }, outOfOrder);
    this.scrapes.inc({ job: target.job, result: outcome.ok ? 'success' : 'failure' });
    this.durations.observe({ job: target.job }, outcome.durationMs / 1000);

    const { state, changed } = this.book.record(target, outcome, scrapeTimeMs);
    if (changed) await this.announce(state);
    return state;
  }

  private async announce(state: TargetState): Promise<void> {
    const { target } = state;
    this.logger.log({
      msg: 'target health changed',
      job: target.job,
      instance: target.instance,
      health: state.health,
      error: state.lastError || undefined,
    });
    try {
      await this.bus.publish('neo.target.health.v1', {
        job: target.job,
        instance: target.instance,
        url: target.scrapeUrl,
        health: state.health === 'up' ? 'up' : 'down',
        ...(state.lastError ? { lastError: state.lastError } : {}),
        lastScrape: new Date(state.lastScrapeMs ?? Date.now()).toISOString(),
        scrapeDurationSeconds: state.lastScrapeDurationSeconds,
      });
    } catch (error) {
      // Fan-out events are best effort; the next change is announced again and /api/v1/targets stays right.
      this.logger.warn({
        msg: 'could not publish target health',
        job: target.job,
        instance: target.instance,
        reason: (error as Error).message,
      });
    }
  }
}
