/** Options of {@link Tsdb.open}. Durations in milliseconds. */
export interface TsdbOptions {
  /** Root directory: `wal/` and `blocks/` live under it (NEO_DATA_DIR). */
  readonly dataDir: string;
  /** Length of a persisted block; head chunks are cut on its boundaries. Default 2 h. */
  readonly blockRangeMs?: number;
  /** Delete blocks whose data is older than this, measured from the newest sample. Default: keep. */
  readonly retentionMs?: number;
  /** Delete oldest blocks while blocks + WAL exceed this many bytes. Default: no limit. */
  readonly retentionBytes?: number;
  /** WAL segment size before rotation. Default 64 MiB. */
  readonly walSegmentBytes?: number;
  /** Compact automatically after appends once the head spans 1.5 blocks. Default true. */
  readonly autoCompact?: boolean;
}

export interface ResolvedOptions {
  readonly dataDir: string;
  readonly blockRangeMs: number;
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly walSegmentBytes: number;
  readonly autoCompact: boolean;
}

export const DEFAULT_BLOCK_RANGE_MS = 2 * 60 * 60 * 1000;

export function resolveOptions(opts: TsdbOptions): ResolvedOptions {
  const blockRangeMs = opts.blockRangeMs ?? DEFAULT_BLOCK_RANGE_MS;
  if (!Number.isSafeInteger(blockRangeMs) || blockRangeMs <= 0) {
    throw new RangeError(`blockRangeMs must be a positive integer, got ${blockRangeMs}`);
  }
  return {
    dataDir: opts.dataDir,
    blockRangeMs,
    retentionMs: opts.retentionMs ?? Infinity,
    retentionBytes: opts.retentionBytes ?? Infinity,
    walSegmentBytes: opts.walSegmentBytes ?? 64 * 1024 * 1024,
    autoCompact: opts.autoCompact ?? true,
  };
}
