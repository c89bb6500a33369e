import type { Labels } from '@neo/domain-metric';
import { STALE_NAN, type AppendSample, type RejectCounts } from '@neo/tsdb';
import type { SampleStore } from '../storage/sample-store';
import type { ExpositionFormat } from './parser/exposition-format';
import { MetadataCollector } from './parser/metadata-collector';
import { parseSeries } from './parser/parse-series';
import { scanExposition } from './parser/scan-exposition';
import { relabel } from './relabel';
import type { ScrapeTarget } from './scrape-target';
import { withTargetLabels } from './target-labels';

/** Ref of a series not yet stored (its first sample is in the batch being appended). */
const PENDING = -1;
/** Ref of a raw series text that metric_relabel_configs drops: remembered so it costs a lookup too. */
const DROPPED = -2;

interface CacheEntry {
  ref: number;
  /** Final labels, kept only until the store has given the series a ref. */
  labels: Labels | undefined;
  /** Scrape iteration the text was last seen in. */
  seen: number;
  /** Series without an explicit timestamp get staleness markers when they vanish (as Prometheus). */
  stale: boolean;
}

/** What one scrape stored, for the synthetic series and the collector's own metrics. */
export interface ScrapeAppendResult {
  readonly scraped: number;
  readonly postRelabel: number;
  readonly seriesAdded: number;
  readonly accepted: number;
  readonly rejected: RejectCounts;
  readonly metadata: ReadonlyMap<string, { type: string; help: string; unit: string }>;
}

const REPORT_NAMES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
] as const;

/**
 * Turns scrapes of one target into store appends, as Prometheus' scrapeLoop: a cache from the raw series
 * text to the series ref (an unchanged series is a map lookup and an append by ref, no label parsing),
 * staleness markers for series that vanished since the previous scrape, and the synthetic report series.
 * Each scrape is one appendBatch, so it is durable and visible as a whole.
 */
export class TargetAppender {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly reportRefs = new Map<string, number>();
  /** Entries seen in the previous scrape that take staleness markers. */
  private previous: CacheEntry[] = [];
  private iteration = 0;

  constructor(
    private readonly target: ScrapeTarget,
    private readonly store: SampleStore,
  ) {}

  /** Stores a scraped body. A malformed body throws ScrapeParseError before anything is appended. */
  async append(
    body: string,
    format: ExpositionFormat,
    timeMs: number,
    durationMs: number,
  ): Promise<ScrapeAppendResult> {
    const iteration = ++this.iteration;
    const batch: AppendSample[] = [];
    const pending: Array<[number, CacheEntry]> = [];
    const current: CacheEntry[] = [];
    const metadata = new MetadataCollector();
    const { labels: targetLabels, honorLabels, metricRelabel } = this.target;
    const honorTimestamps = this.target.honorTimestamps !== false;
    let scraped = 0;
    let seriesAdded = 0;

    scanExposition(body, format, {
      sample: (series, value, exposedTs, line) => {
        scraped++;
        const timestampMs = honorTimestamps && exposedTs !== undefined ? exposedTs : timeMs;
        let entry = this.cache.get(series);
        if (entry === undefined) {
          const merged = withTargetLabels(parseSeries(series, line).labels, targetLabels, honorLabels);
          const labels = metricRelabel && metricRelabel.length > 0 ? relabel(merged, metricRelabel) : merged;
          entry = { ref: labels ? PENDING : DROPPED, labels, seen: 0, stale: exposedTs === undefined };
          this.cache.set(series, entry);
          if (labels) seriesAdded++;
        }
        if (entry.seen !== iteration) {
          entry.seen = iteration;
          if (entry.stale && entry.ref !== DROPPED) current.push(entry);
        }
        if (entry.ref >= 0) {
          batch.push({ ref: entry.ref, timestampMs, value });
        } else if (entry.ref === PENDING && entry.labels) {
          pending.push([batch.length, entry]);
          batch.push({ labels: entry.labels, timestampMs, value });
        }
      },
      metadata: (kind, name, text) => metadata.add(kind, name, text),
    });

    const postRelabel = batch.length;
    this.appendStaleness(batch, iteration, timeMs);
    this.previous = current;
    const reportAt = batch.length;
    this.appendReport(batch, timeMs, [1, durationMs / 1000, scraped, postRelabel, seriesAdded]);
    const result = await this.commit(batch, pending, reportAt);
    this.evict(iteration, current.length);
    return { scraped, postRelabel, seriesAdded, ...result, metadata: metadata.byName };
  }

  /** A failed scrape: every series of the previous one goes stale, `up` is 0 (as Prometheus). */
  async appendFailure(timeMs: number, durationMs: number): Promise<void> {
    const iteration = ++this.iteration;
    const batch: AppendSample[] = [];
    this.appendStaleness(batch, iteration, timeMs);
    this.previous = [];
    const reportAt = batch.length;
    this.appendReport(batch, timeMs, [0, durationMs / 1000, 0, 0, 0]);
    await this.commit(batch, [], reportAt);
  }

  /** The target went away: its series and its report series go stale. */
  async appendEnd(timeMs: number): Promise<void> {
    const batch: AppendSample[] = [];
    this.appendStaleness(batch, ++this.iteration, timeMs);
    this.previous = [];
    for (const ref of this.reportRefs.values()) batch.push({ ref, timestampMs: timeMs, value: STALE_NAN });
    if (batch.length > 0) await this.store.appendBatch(batch);
  }

  private appendStaleness(batch: AppendSample[], iteration: number, timeMs: number): void {
    for (const entry of this.previous) {
      if (entry.seen !== iteration && entry.ref >= 0)
        batch.push({ ref: entry.ref, timestampMs: timeMs, value: STALE_NAN });
    }
  }

  private appendReport(batch: AppendSample[], timeMs: number, values: readonly number[]): void {
    REPORT_NAMES.forEach((name, i) => {
      const ref = this.reportRefs.get(name);
      batch.push(
        ref === undefined
          ? { labels: { ...this.target.labels, __name__: name }, timestampMs: timeMs, value: values[i] }
          : { ref, timestampMs: timeMs, value: values[i] },
      );
    });
  }

  private async commit(
    batch: AppendSample[],
    pending: ReadonlyArray<[number, CacheEntry]>,
    reportAt: number,
  ): Promise<{ accepted: number; rejected: RejectCounts }> {
    const result = await this.store.appendBatch(batch);
    if (result.rejected.unknown_ref > 0) {
      // The store garbage-collected series we hold refs of: resolve everything by labels again.
      this.cache.clear();
      this.reportRefs.clear();
      this.previous = [];
      return result;
    }
    for (const [index, entry] of pending) {
      const ref = result.refs[index];
      if (ref >= 0) {
        entry.ref = ref;
        entry.labels = undefined;
      }
    }
    REPORT_NAMES.forEach((name, i) => {
      const ref = result.refs[reportAt + i];
      if (ref >= 0) this.reportRefs.set(name, ref);
    });
    return result;
  }

  /** Forgets texts not seen in the last two scrapes once the cache clearly outgrew the target. */
  private evict(iteration: number, live: number): void {
    if (this.cache.size <= 2 * live + 1000) return;
    for (const [text, entry] of this.cache) if (entry.seen < iteration - 1) this.cache.delete(text);
  }
}
