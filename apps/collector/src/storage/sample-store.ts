import type { Tsdb } from '@neo/tsdb';

/** Injection token of the collector's store (the @neo/tsdb engine, opened on NEO_DATA_DIR). */
export const SAMPLE_STORE = Symbol.for('neo.collector.sample-store');

/**
 * What features use of the store: durable batch appends (by labels or by series ref, per sample or in
 * columns per series), readers for queries, and the engine's stats. Narrower than Tsdb so lifecycle (open,
 * close, compaction) stays in storage/.
 */
export type SampleStore = Pick<Tsdb, 'appendBatch' | 'appendSeries' | 'reader' | 'stats'>;
