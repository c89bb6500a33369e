export { STALE_NAN, isStaleMarker, sameFloatBits } from './lib/encoding/float-bits';
export type { SampleIterator } from './lib/chunk/sample-iterator';
export { SAMPLES_PER_CHUNK, XorAppender, XorIterator, chunkSampleCount } from './lib/chunk/xor-chunk';
export type {
  AppendResult,
  AppendSample,
  RejectCounts,
  RejectReason,
  SeriesAppendResult,
  SeriesBatch,
  SeriesRef,
} from './lib/head/append-types';
export { REJECT_REASONS } from './lib/head/append-types';
export { toPairs as toLabelPairs } from './lib/head/label-pairs';
export type { TimeRange } from './lib/index/label-queries';
export type { SelectParams } from './lib/querier/reader';
export { Reader } from './lib/querier/reader';
export type { SeriesEntry } from './lib/querier/series-set';
export type { WalCorruption, WalReplayReport } from './lib/wal/replay';
export type { BlockMeta } from './lib/block/block-meta';
export type { TsdbOptions } from './lib/db/tsdb-options';
export { DEFAULT_BLOCK_RANGE_MS } from './lib/db/tsdb-options';
export type { TsdbStats } from './lib/db/tsdb-stats';
export type { OpenReport } from './lib/db/open-report';
export type { CompactionResult } from './lib/db/tsdb';
export { Tsdb } from './lib/db/tsdb';
export { DataDirLockedError, LOCK_FILE } from './lib/db/data-dir-lock';
