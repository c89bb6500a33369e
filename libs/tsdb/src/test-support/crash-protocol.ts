import { crc32 } from 'node:zlib';
import { STALE_NAN } from '../lib/encoding/float-bits';

/** Series written per batch by the crash writer. */
export const CRASH_SERIES = 20;

/** Options both sides open the store with: small blocks and segments so compaction, checkpoints and
 * segment rotation all happen while the writer may be killed. */
export const CRASH_DB_OPTIONS = { blockRangeMs: 60_000, walSegmentBytes: 16 * 1024 } as const;

/** Timestamp of batch `seq` (one second apart). */
export function crashTimestamp(seq: number): number {
  return 1_700_000_000_000 + seq * 1000;
}

/** Deterministic value of series `k` in batch `seq`, with staleness markers and awkward floats mixed in. */
export function crashValue(seq: number, k: number): number {
  if ((seq + k) % 17 === 0) {
    return STALE_NAN;
  }
  return k % 2 === 0 ? seq * 31 + k : Math.sin(seq * 0.37 + k) * 1e6;
}

/** Checksum of a batch's values, laid out as CRASH_SERIES little-endian float64s (bit-exact). */
export function batchChecksum(values: Buffer): number {
  return crc32(values);
}

export function expectedBatch(seq: number): Buffer {
  const buf = Buffer.alloc(CRASH_SERIES * 8);
  for (let k = 0; k < CRASH_SERIES; k++) {
    buf.writeDoubleLE(crashValue(seq, k), k * 8);
  }
  return buf;
}

/** Message the writer sends after each acknowledged batch. */
export interface AckMessage {
  readonly type: 'ack';
  readonly seq: number;
  readonly crc: number;
}

export interface ReadyMessage {
  readonly type: 'ready';
}
