import { crc32 } from 'node:zlib';

/** `u32 length | u32 crc32(payload) | payload`, both little-endian. */
export const FRAME_HEADER_BYTES = 8;

/** Upper bound on one record; a larger length field can only be garbage. */
export const MAX_RECORD_BYTES = 1 << 30;

/** Frames a payload for the log. */
export function frameRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  out.set(payload, FRAME_HEADER_BYTES);
  return sealFrame(out);
}

/**
 * Fills in the header of a frame whose payload was written in place after {@link FRAME_HEADER_BYTES}
 * reserved bytes (saves copying a large batch record into a new buffer).
 */
export function sealFrame(frame: Uint8Array): Uint8Array {
  const payload = frame.subarray(FRAME_HEADER_BYTES);
  const dv = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES);
  dv.setUint32(0, payload.length, true);
  dv.setUint32(4, crc32(payload), true);
  return frame;
}

/** Why a scan stopped before the end of the data. */
export type FrameError =
  | 'torn_header'
  | 'torn_record'
  | 'bad_length'
  | 'checksum_mismatch'
  | 'malformed_record';

export interface FrameScan {
  /** Offset just after the last intact record. */
  validBytes: number;
  error?: FrameError;
}

/**
 * Calls `onRecord` for every intact record in order and stops at the first damaged one (or the first
 * that `onRecord` throws on). Everything before it is trustworthy: each record has its own checksum.
 */
export function scanFrames(data: Uint8Array, onRecord: (payload: Uint8Array) => void): FrameScan {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let off = 0;
  while (off < data.length) {
    if (data.length - off < FRAME_HEADER_BYTES) {
      return { validBytes: off, error: 'torn_header' };
    }
    const len = dv.getUint32(off, true);
    if (len === 0 || len > MAX_RECORD_BYTES) {
      return { validBytes: off, error: 'bad_length' };
    }
    if (data.length - off - FRAME_HEADER_BYTES < len) {
      return { validBytes: off, error: 'torn_record' };
    }
    const payload = data.subarray(off + FRAME_HEADER_BYTES, off + FRAME_HEADER_BYTES + len);
    if (crc32(payload) !== dv.getUint32(off + 4, true)) {
      return { validBytes: off, error: 'checksum_mismatch' };
    }
    try {
      onRecord(payload);
    } catch {
      return { validBytes: off, error: 'malformed_record' };
    }
    off += FRAME_HEADER_BYTES + len;
  }
  return { validBytes: off };
}
