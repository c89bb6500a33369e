import type { Labels } from '@neo/domain-metric';
import { STALE_NAN, toLabelPairs, type RejectCounts } from '@neo/tsdb';
import type { SampleStore } from '../storage/sample-store';
import type { ExpositionFormat } from './parser/exposition-format';
import { MetadataCollector } from './parser/metadata-collector';
import { parseSeries } from './parser/parse-series';
import { scanExposition } from './parser/scan-exposition';
import { relabel } from './relabel';
import { ScrapeBatch, type LabelSource } from './scrape-batch';
import type { ScrapeTarget } from './scrape-target';
import { withTargetLabels } from './target-labels';

/** Ref of a series not yet stored (its first sample is in the batch being appended). */
const PENDING = -1;
/** Ref of a raw series text that metric_relabel_configs drops: remembered so it costs a lookup too. */
const DROPPED = -2;

/** Final labels of a raw series text (parsed, joined with the target's, relabelled); undefined if dropped. */
type Derive = (text: string) => Labels | undefined;

class CacheEntry implements LabelSource {
  /** Sorted pairs, kept only until the store has given the series a ref. */
  private labelPairs: readonly string[] | undefined;

  constructor(
    /** The raw series text (the cache key), from which the labels can always be derived again. */
    readonly text: string,
    labels: Labels | undefined,
    private readonly derive: Derive,
    public ref: number,
    /** Scrape iteration the text was last seen in. */
    public seen: number,
    /** Series without an explicit timestamp get staleness markers when they vanish (as Prometheus). */
    readonly stale: boolean,
  ) {
    this.labelPairs = labels && toLabelPairs(labels);
  }

  /** Asked by the store for a new series, or for one it has removed since (derived again, rarely). */
  pairs(): readonly string[] | undefined {
    if (this.labelPairs !== undefined) return this.labelPairs;
    const labels = this.derive(this.text);
    return labels && toLabelPairs(labels);
  }

  stored(ref: number): void {
    this.ref = ref;
    this.labelPairs = undefined;
  }
}

/** A synthetic report series of the target: labels always at hand, ref once stored. */
class ReportSeries implements LabelSource {
  ref = -1;
  private readonly labelPairs: readonly string[];

  constructor(labels: Labels) {
    this.labelPairs = toLabelPairs(labels);
  }

  pairs(): readonly string[] {
    return this.labelPairs;
  }
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
 * Each scrape is one columnar append (ScrapeBatch, no object per sample), durable and visible as a whole.
 */
export class TargetAppender {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly report: ReportSeries[];
  /** Entries seen in the previous scrape that take staleness markers. */
  private previous: CacheEntry[] = [];
  /**
   * The entries of the last scrape by line position. A target exposes its series in the same order every
   * time, so comparing the text with the entry at the same position (sequential memory, no hashing) finds
   * most entries; only a mismatch takes the map lookup. Several times faster than the map on 100k series.
   */
  private readonly byPosition: CacheEntry[] = [];
  private iteration = 0;
  /** Reused by every scrape of this target unless one is still in flight. */
  private readonly pooled = new ScrapeBatch();
  private pooledBusy = false;
  private readonly derive: Derive;

  constructor(
    private readonly target: ScrapeTarget,
    private readonly store: SampleStore,
  ) {
    this.report = REPORT_NAMES.map((name) => new ReportSeries({ ...target.labels, __name__: name }));
    const { labels: targetLabels, honorLabels, metricRelabel } = target;
    this.derive = (text) => {
      const merged = withTargetLabels(parseSeries(text, 0).labels, targetLabels, honorLabels);
      return metricRelabel && metricRelabel.length > 0 ? relabel(merged, metricRelabel) : merged;
    };
  }

  /** Stores a scraped body. A malformed body throws ScrapeParseError before anything is appended. */
  async append(
    body: string,
    format: ExpositionFormat,
    timeMs: number,
    durationMs: number,
  ): Promise<ScrapeAppendResult> {
    const iteration = ++this.iteration;
    const current: CacheEntry[] = [];
    const metadata = new MetadataCollector();
    const { labels: targetLabels, honorLabels, metricRelabel } = this.target;
    const honorTimestamps = this.target.honorTimestamps !== false;
    const batch = this.takeBatch();
    const byPosition = this.byPosition;
    let scraped = 0;
    let seriesAdded = 0;

    try {
      scanExposition(body, format, {
        sample: (series, value, exposedTs, line) => {
          const position = scraped++;
          const timestampMs = honorTimestamps && exposedTs !== undefined ? exposedTs : timeMs;
          let entry: CacheEntry | undefined = byPosition[position];
          if (entry !== undefined && entry.text === series) {
            // Same series at the same line as last time: found without the map.
          } else if ((entry = this.cache.get(series)) !== undefined) {
            byPosition[position] = entry;
          } else {
            const merged = withTargetLabels(parseSeries(series, line).labels, targetLabels, honorLabels);
            const labels =
              metricRelabel && metricRelabel.length > 0 ? relabel(merged, metricRelabel) : merged;
            entry = new CacheEntry(
              series,
              labels,
              this.derive,
              labels ? PENDING : DROPPED,
              0,
              exposedTs === undefined,
            );
            this.cache.set(series, entry);
            byPosition[position] = entry;
            if (labels) seriesAdded++;
          }
          if (entry.seen !== iteration) {
            entry.seen = iteration;
            if (entry.stale && entry.ref !== DROPPED) current.push(entry);
          }
          if (entry.ref !== DROPPED) batch.push(entry, entry.ref, timestampMs, value);
        },
        metadata: (kind, name, text) => metadata.add(kind, name, text),
      });

      const postRelabel = batch.length;
      this.appendStaleness(batch, iteration, timeMs);
      this.previous = current;
      this.appendReport(batch, timeMs, [1, durationMs / 1000, scraped, postRelabel, seriesAdded]);
      const result = await this.commit(batch);
      this.evict(iteration, current.length);
      return { scraped, postRelabel, seriesAdded, ...result, metadata: metadata.byName };
    } finally {
      // Positions past this scrape's last line may hold entries the cache is about to forget.
      if (byPosition.length > scraped) byPosition.length = scraped;
      this.releaseBatch(batch);
    }
  }

  /** A failed scrape: every series of the previous one goes stale, `up` is 0 (as Prometheus). */
  async appendFailure(timeMs: number, durationMs: number): Promise<void> {
    const iteration = ++this.iteration;
    const batch = this.takeBatch();
    try {
      this.appendStaleness(batch, iteration, timeMs);
      this.previous = [];
      this.appendReport(batch, timeMs, [0, durationMs / 1000, 0, 0, 0]);
      await this.commit(batch);
    } finally {
      this.releaseBatch(batch);
    }
  }

  /** The target went away: its series and its report series go stale. */
  async appendEnd(timeMs: number): Promise<void> {
    const batch = this.takeBatch();
    try {
      this.appendStaleness(batch, ++this.iteration, timeMs);
      this.previous = [];
      for (const series of this.report) {
        if (series.ref >= 0) batch.push(series, series.ref, timeMs, STALE_NAN);
      }
      if (batch.length > 0) await this.commit(batch);
    } finally {
      this.releaseBatch(batch);
    }
  }

  private takeBatch(): ScrapeBatch {
    if (this.pooledBusy) return new ScrapeBatch();
    this.pooledBusy = true;
    this.pooled.reset();
    return this.pooled;
  }

  private releaseBatch(batch: ScrapeBatch): void {
    if (batch === this.pooled) this.pooledBusy = false;
  }

  private appendStaleness(batch: ScrapeBatch, iteration: number, timeMs: number): void {
    for (const entry of this.previous) {
      if (entry.seen !== iteration && entry.ref >= 0) batch.push(entry, entry.ref, timeMs, STALE_NAN);
    }
  }

  private appendReport(batch: ScrapeBatch, timeMs: number, values: readonly number[]): void {
    this.report.forEach((series, i) => batch.push(series, series.ref, timeMs, values[i]));
  }

  /**
   * One durable append; then every sample's owner learns its series ref. A ref the store had removed was
   * resolved again from the labels (see CacheEntry.pairs), so the new ref simply replaces it.
   */
  private async commit(batch: ScrapeBatch): Promise<{ accepted: number; rejected: RejectCounts }> {
    const result = await this.store.appendSeries(batch);
    const { seriesRefs } = result;
    for (let i = 0; i < batch.length; i++) {
      const ref = seriesRefs[i];
      if (ref === batch.refs[i] || ref < 0) continue;
      const source = batch.sources[i];
      if (source instanceof CacheEntry) source.stored(ref);
      else if (source instanceof ReportSeries) source.ref = ref;
    }
    return { accepted: result.accepted, rejected: result.rejected };
  }

  /** Forgets texts not seen in the last two scrapes once the cache clearly outgrew the target. */
  private evict(iteration: number, live: number): void {
    if (this.cache.size <= 2 * live + 1000) return;
    for (const [text, entry] of this.cache) if (entry.seen < iteration - 1) this.cache.delete(text);
  }
}
