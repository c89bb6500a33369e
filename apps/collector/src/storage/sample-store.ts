import type { Labels, LabelMatcher, Sample } from '@neo/domain-metric';

/** Injection token of the collector's SampleStore. */
export const SAMPLE_STORE = Symbol.for('neo.collector.sample-store');

/** Prometheus' default lookback: a series is visible at `t` if it has a sample in (t - 5m, t]. */
export const DEFAULT_LOOKBACK_MS = 5 * 60_000;

export interface CommitResult {
  readonly appended: number;
  /** Samples older than (or at the same time as, with another value) the newest of their series; dropped. */
  readonly outOfOrder: number;
}

/**
 * A batch of writes, like Prometheus' storage.Appender: samples staged with `append` become visible together
 * on `commit`, so a query never sees half a scrape.
 */
export interface SampleAppender {
  append(labels: Labels, timestampMs: number, value: number): void;
  commit(): Promise<CommitResult>;
  rollback(): void;
}

export interface StoreStats {
  readonly series: number;
  readonly samples: number;
  readonly retentionMs: number;
}

/**
 * Where samples live. Deliberately narrow (an appender and two reads, like Prometheus' Appender + Querier)
 * so the real TSDB can replace the in-memory implementation behind the same token.
 */
export interface SampleStore {
  appender(): SampleAppender;
  /** For each series matching every matcher, its newest sample at or before `atMs` within the lookback. */
  selectLatest(matchers: readonly LabelMatcher[], atMs: number, lookbackMs?: number): Promise<Sample[]>;
  /** Label sets of the stored series matching every matcher. */
  series(matchers: readonly LabelMatcher[]): Promise<Labels[]>;
  stats(): StoreStats;
}
