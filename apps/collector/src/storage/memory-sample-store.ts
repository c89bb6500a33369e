import {
  formatSeries,
  matchLabels,
  sortLabels,
  type LabelMatcher,
  type Labels,
  type Sample,
} from '@neo/domain-metric';
import {
  DEFAULT_LOOKBACK_MS,
  type CommitResult,
  type SampleAppender,
  type SampleStore,
  type StoreStats,
} from './sample-store';

interface Series {
  readonly labels: Labels;
  readonly timestamps: number[];
  readonly values: number[];
}

interface Staged {
  readonly labels: Labels;
  readonly timestampMs: number;
  readonly value: number;
}

export interface MemorySampleStoreOptions {
  /** Samples older than this, relative to the newest sample of their series, are dropped. */
  readonly retentionMs: number;
  readonly now?: () => number;
}

// Dropping idle series scans everything, so it runs at most this often rather than on every commit.
const GC_INTERVAL_MS = 60_000;

/**
 * Samples in plain arrays per series, trimmed to the retention window. Good for the handful of targets of a
 * single node; the TSDB that replaces it compresses chunks and persists them.
 */
export class MemorySampleStore implements SampleStore {
  private readonly bySeries = new Map<string, Series>();
  private readonly now: () => number;
  private sampleCount = 0;
  private lastGcMs = 0;

  constructor(private readonly options: MemorySampleStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  appender(): SampleAppender {
    let staged: Staged[] = [];
    return {
      append: (labels, timestampMs, value) => {
        staged.push({ labels, timestampMs, value });
      },
      commit: async () => {
        const result = this.write(staged);
        staged = [];
        return result;
      },
      rollback: () => {
        staged = [];
      },
    };
  }

  async selectLatest(
    matchers: readonly LabelMatcher[],
    atMs: number,
    lookbackMs = DEFAULT_LOOKBACK_MS,
  ): Promise<Sample[]> {
    const found: Sample[] = [];
    for (const series of this.bySeries.values()) {
      if (!matchLabels(series.labels, matchers)) continue;
      const index = lastIndexAtOrBefore(series.timestamps, atMs);
      if (index < 0 || series.timestamps[index] <= atMs - lookbackMs) continue;
      found.push({
        labels: series.labels,
        timestampMs: series.timestamps[index],
        value: series.values[index],
      });
    }
    return found;
  }

  async series(matchers: readonly LabelMatcher[]): Promise<Labels[]> {
    return [...this.bySeries.values()].filter((s) => matchLabels(s.labels, matchers)).map((s) => s.labels);
  }

  stats(): StoreStats {
    return { series: this.bySeries.size, samples: this.sampleCount, retentionMs: this.options.retentionMs };
  }

  private write(staged: readonly Staged[]): CommitResult {
    let appended = 0;
    let outOfOrder = 0;
    for (const sample of staged) {
      const labels = sortLabels(sample.labels);
      const key = formatSeries(labels);
      let series = this.bySeries.get(key);
      if (!series) {
        series = { labels, timestamps: [], values: [] };
        this.bySeries.set(key, series);
      }
      const last = series.timestamps.length - 1;
      if (last >= 0 && sample.timestampMs <= series.timestamps[last]) {
        // Same time and same value is a harmless re-send; anything else would rewrite history.
        if (sample.timestampMs !== series.timestamps[last] || !sameValue(sample.value, series.values[last])) {
          outOfOrder++;
        }
        continue;
      }
      series.timestamps.push(sample.timestampMs);
      series.values.push(sample.value);
      this.sampleCount++;
      appended++;
      this.trim(series);
    }
    this.collectIdleSeries();
    return { appended, outOfOrder };
  }

  private trim(series: Series): void {
    const cutoff = series.timestamps[series.timestamps.length - 1] - this.options.retentionMs;
    let drop = 0;
    while (drop < series.timestamps.length && series.timestamps[drop] < cutoff) drop++;
    if (drop > 0) {
      series.timestamps.splice(0, drop);
      series.values.splice(0, drop);
      this.sampleCount -= drop;
    }
  }

  /** Series whose newest sample left the retention window (a target that went away) are forgotten. */
  private collectIdleSeries(): void {
    const now = this.now();
    if (now - this.lastGcMs < GC_INTERVAL_MS) return;
    this.lastGcMs = now;
    const cutoff = now - this.options.retentionMs;
    for (const [key, series] of this.bySeries) {
      if (series.timestamps[series.timestamps.length - 1] < cutoff) {
        this.sampleCount -= series.timestamps.length;
        this.bySeries.delete(key);
      }
    }
  }
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Index of the last timestamp <= t in an ascending array, or -1. */
function lastIndexAtOrBefore(timestamps: readonly number[], t: number): number {
  let lo = 0;
  let hi = timestamps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
