import { WalReplayReport } from '../wal/replay';

/** What {@link Tsdb.open} found and repaired; logged by the caller and reflected in stats. */
export interface OpenReport {
  readonly wal: WalReplayReport;
  /** Blocks skipped because they failed verification, with the reason. */
  readonly corruptBlocks: ReadonlyArray<{ readonly dir: string; readonly reason: string }>;
  /** Unfinished block directories (crash during compaction) that were removed. */
  readonly removedPartialBlocks: readonly string[];
  readonly seriesRestored: number;
  readonly samplesReplayed: number;
  /**
   * PID named by a lock file left behind by a process that is gone (0 if it named none): the directory
   * was taken over, and its previous writer did not close it cleanly.
   */
  readonly staleLockPid?: number;
}
