import { Logger } from '@nestjs/common';
import { Tsdb } from '@neo/tsdb';

export interface StorageOptions {
  readonly dataDir: string;
  readonly retentionMs: number;
  /** 0 means no size limit. */
  readonly retentionBytes: number;
  /** Engine block length; only benchmarks and tests change it. */
  readonly blockRangeMs?: number;
}

/**
 * Opens the TSDB and says what replay found: a repaired WAL tail or a block set aside must be visible in
 * the logs, not only in metrics, because it means samples were lost before this start.
 */
export async function openStore(options: StorageOptions, logger = new Logger('Storage')): Promise<Tsdb> {
  const db = await Tsdb.open({
    dataDir: options.dataDir,
    retentionMs: options.retentionMs,
    retentionBytes: options.retentionBytes > 0 ? options.retentionBytes : undefined,
    blockRangeMs: options.blockRangeMs,
  });
  const report = db.openReport;
  logger.log({
    msg: 'store opened',
    dataDir: options.dataDir,
    seriesRestored: report.seriesRestored,
    samplesReplayed: report.samplesReplayed,
    blocks: db.stats().blocks,
  });
  if (report.staleLockPid !== undefined) {
    logger.warn({
      msg: 'data directory lock left by a process that is gone was taken over; it did not shut down cleanly',
      dataDir: options.dataDir,
      previousPid: report.staleLockPid,
    });
  }
  for (const corruption of report.wal.corruptions) {
    logger.warn({ msg: 'WAL damage repaired: the log was truncated at the damaged record', ...corruption });
  }
  for (const block of report.corruptBlocks) {
    logger.warn({ msg: 'corrupt block set aside', dir: block.dir, reason: block.reason });
  }
  return db;
}
