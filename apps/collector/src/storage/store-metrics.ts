import { Counter, Gauge, type Registry } from 'prom-client';
import { REJECT_REASONS, type TsdbStats } from '@neo/tsdb';

/**
 * Exports the engine's stats as collector metrics, read when /metrics is rendered (stats() is a cheap
 * snapshot). The engine keeps its own totals, so counters are set to them (reset + inc), never incremented
 * here; names follow Prometheus' prometheus_tsdb_* with our prefix.
 */
export function registerStoreMetrics(registry: Registry, stats: () => TsdbStats): void {
  const gauge = (name: string, help: string, read: (s: TsdbStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(stats()));
      },
    });
  const counter = (name: string, help: string, read: (s: TsdbStats) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read(stats()));
      },
    });

  gauge('neo_tsdb_head_series', 'Active series in the head.', (s) => s.series);
  counter('neo_tsdb_samples_appended_total', 'Samples stored since start.', (s) => s.samplesAppended);
  gauge('neo_tsdb_chunks', 'Chunks in the head and in blocks.', (s) => s.chunks);
  gauge('neo_tsdb_head_chunks', 'Chunks in the head (memory).', (s) => s.headChunks);
  gauge('neo_tsdb_blocks', 'Persisted blocks.', (s) => s.blocks);
  gauge('neo_tsdb_storage_bytes', 'Bytes on disk: blocks, WAL and checkpoint.', (s) => s.bytesOnDisk);
  gauge('neo_tsdb_wal_bytes', 'Bytes of WAL segments and checkpoint.', (s) => s.walBytes);
  counter('neo_tsdb_wal_fsyncs_total', 'WAL fsyncs (each may cover many batches).', (s) => s.walFsyncs);
  counter(
    'neo_tsdb_wal_corruptions_total',
    'Damaged WAL records found (and truncated) at open.',
    (s) => s.walCorruptions,
  );
  counter('neo_tsdb_compactions_total', 'Compactions of head data into blocks.', (s) => s.compactions);
  gauge(
    'neo_tsdb_corrupt_blocks',
    'Blocks set aside at open because they failed verification.',
    (s) => s.corruptBlocks,
  );
  gauge(
    'neo_tsdb_interned_label_strings',
    'Distinct label names and values held in memory (released when retention removes their series).',
    (s) => s.internedStrings,
  );
  new Counter({
    name: 'neo_tsdb_samples_rejected_total',
    help: 'Samples not stored, by reason (out_of_order, duplicate, too_old, unknown_ref, invalid).',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      const rejected = stats().rejected;
      for (const reason of REJECT_REASONS) this.inc({ reason }, rejected[reason]);
    },
  });
}
