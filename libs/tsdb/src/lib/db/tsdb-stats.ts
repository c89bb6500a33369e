import { RejectCounts } from '../head/append-types';

/** A point-in-time snapshot of the engine's own metrics, for the collector to export. */
export interface TsdbStats {
  /** Series in the head (active series). */
  readonly series: number;
  /** Samples stored since the process started (replayed samples not included). */
  readonly samplesAppended: number;
  /** Chunks in the head plus chunks in blocks. */
  readonly chunks: number;
  readonly headChunks: number;
  readonly blocks: number;
  /** Blocks + WAL + checkpoint bytes. */
  readonly bytesOnDisk: number;
  /** WAL segments and checkpoint bytes. */
  readonly walBytes: number;
  /** WAL fsyncs done (each may cover many batches). */
  readonly walFsyncs: number;
  /** Rejected samples by reason since start. */
  readonly rejected: RejectCounts;
  /** Damaged WAL spots found at open (each truncated and reported in `openReport`). */
  readonly walCorruptions: number;
  /** Block directories left out at open because they failed verification. */
  readonly corruptBlocks: number;
  readonly compactions: number;
  readonly headMinT: number;
  readonly headMaxT: number;
  /** Distinct label names and values held in memory (head series and blocks). */
  readonly internedStrings: number;
}
