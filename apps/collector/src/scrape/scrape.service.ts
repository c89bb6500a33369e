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
import { MetadataBook } from './metadata-book';
import type { ScrapeJob } from './scrape-job';
import { ScrapeLoop, type ScrapeReport } from './scrape-loop';
import { ScrapeManager } from './scrape-manager';
import { targetKey, type ScrapeTarget } from './scrape-target';
import { SCRAPE_JOBS } from './scrape.tokens';
import { TargetHealthBook, type TargetState } from './target-health';

/** Scrapes every discovered target on its interval, stores the samples and announces health changes. */
@Injectable()
export class ScrapeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scrape');
  private readonly manager: ScrapeManager;
  private readonly scrapes: Counter<'job' | 'result'>;
  private readonly durations: Histogram<'job'>;
  private readonly appended: Counter<'job'>;
  private readonly rejected: Counter<'job'>;

  constructor(
    @Inject(SCRAPE_JOBS) jobs: readonly ScrapeJob[],
    @Inject(TargetHealthBook) private readonly book: TargetHealthBook,
    @Inject(MetadataBook) private readonly metadata: MetadataBook,
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.manager = new ScrapeManager(jobs, {
      createLoop: (target) => this.loopFor(target),
      added: (target) => this.book.track(target),
      removed: (target) => {
        this.book.forget(target);
        this.metadata.forget(targetKey(target));
        this.logger.log({ msg: 'target removed', job: target.job, instance: target.instance });
      },
      discoveryError: (job, message) =>
        this.logger.warn({ msg: 'file discovery failed', job, reason: message }),
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
    this.rejected = metrics.counter(
      'neo_collector_samples_out_of_order_total',
      'Scraped samples the store refused (out of order, duplicate timestamp or too old).',
      ['job'],
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.manager.start();
    this.logger.log({ msg: 'scraping started', targets: this.manager.targets().length });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.manager.stop();
  }

  /** Re-reads file_sd files now (tests and operators need not wait for refresh_interval). */
  refreshDiscovery(): Promise<void> {
    return this.manager.refreshDiscovery();
  }

  /** A loop for one target, reporting here. Also used by specs to scrape a target once. */
  loopFor(target: ScrapeTarget): ScrapeLoop {
    return new ScrapeLoop(target, {
      store: this.store,
      onReport: (report) => this.record(report),
      onError: (failed, error) =>
        this.logger.error({
          msg: 'scrape could not be stored',
          job: failed.job,
          instance: failed.instance,
          reason: error instanceof Error ? error.message : String(error),
        }),
    });
  }

  private async record(report: ScrapeReport): Promise<void> {
    const { target, outcome, stored } = report;
    if (stored) {
      this.appended.inc({ job: target.job }, stored.accepted);
      const refused = stored.rejected.out_of_order + stored.rejected.duplicate + stored.rejected.too_old;
      if (refused > 0) this.rejected.inc({ job: target.job }, refused);
      this.metadata.set(targetKey(target), stored.metadata);
    }
    this.scrapes.inc({ job: target.job, result: outcome.ok ? 'success' : 'failure' });
    this.durations.observe({ job: target.job }, outcome.durationMs / 1000);
    const { state, changed } = this.book.record(target, outcome, report.scrapeTimeMs);
    if (changed) await this.announce(state);
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
