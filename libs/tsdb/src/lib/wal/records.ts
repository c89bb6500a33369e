import { readUvarint, readVarint, VarintCursor } from '../encoding/varint';
import { AppendSink, SeriesRef } from '../head/append-types';
import { ByteBuilder } from './byte-builder';
import { FRAME_HEADER_BYTES, sealFrame } from './record-frame';

/** Record types. A batch carries its new series and samples together so replay applies it whole. */
export enum RecordType {
  Batch = 1,
  Chunks = 2,
}

/**
 * Builds one Batch record while the head validates a batch:
 * `type | nSeries | (ref, nStrings, strings...)* | nSamples | (ref, Δt zigzag, f64 LE)*`.
 * Timestamps are deltas from the previous sample in the record (first from 0): a scrape's samples
 * share one timestamp, so most deltas are a single zero byte.
 */
export class BatchRecordBuilder implements AppendSink {
  private readonly seriesPart = new ByteBuilder(64);
  private readonly samplesPart: ByteBuilder;
  private nSeries = 0;
  private nSamples = 0;
  private prevT = 0;

  /** `expectedSamples` sizes the buffer once (a sample takes at most 19 bytes, usually ~12). */
  constructor(expectedSamples = 16) {
    this.samplesPart = new ByteBuilder(Math.max(256, expectedSamples * 12));
  }

  series(ref: SeriesRef, pairs: readonly string[]): void {
    this.seriesPart.uvarint(ref);
    this.seriesPart.uvarint(pairs.length);
    for (const s of pairs) {
      this.seriesPart.string(s);
    }
    this.nSeries++;
  }

  sample(ref: SeriesRef, t: number, v: number): void {
    this.samplesPart.uvarint(ref);
    this.samplesPart.varint(t - this.prevT);
    this.samplesPart.float64(v);
    this.prevT = t;
    this.nSamples++;
  }

  get isEmpty(): boolean {
    return this.nSeries === 0 && this.nSamples === 0;
  }

  get sampleCount(): number {
    return this.nSamples;
  }

  finish(): Uint8Array {
    return this.encode(0);
  }

  /** The record framed for the log (header included), built in one buffer. */
  finishFramed(): Uint8Array {
    return sealFrame(this.encode(FRAME_HEADER_BYTES));
  }

  /** The payload after `headerBytes` zero bytes. */
  private encode(headerBytes: number): Uint8Array {
    const out = new ByteBuilder(headerBytes + this.seriesPart.length + this.samplesPart.length + 24);
    for (let i = 0; i < headerBytes; i++) {
      out.byte(0);
    }
    out.byte(RecordType.Batch);
    out.uvarint(this.nSeries);
    out.bytes(this.seriesPart.written());
    out.uvarint(this.nSamples);
    out.bytes(this.samplesPart.written());
    // The builder is dropped after this, so its view needs no copy.
    return out.written();
  }
}

/** One persisted chunk in a checkpoint. */
export interface CheckpointChunk {
  readonly ref: SeriesRef;
  readonly minT: number;
  readonly maxT: number;
  readonly bytes: Uint8Array;
}

/** `type | n | (ref, minT zigzag, maxT-minT, len, bytes)*`: head chunks as they are, no re-encoding. */
export function encodeChunksRecord(chunks: readonly CheckpointChunk[]): Uint8Array {
  const out = new ByteBuilder(64 + chunks.reduce((n, c) => n + c.bytes.length + 24, 0));
  out.byte(RecordType.Chunks);
  out.uvarint(chunks.length);
  for (const c of chunks) {
    out.uvarint(c.ref);
    out.varint(c.minT);
    out.uvarint(c.maxT - c.minT);
    out.uvarint(c.bytes.length);
    out.bytes(c.bytes);
  }
  return out.written().slice();
}

/** What replay does with decoded records. */
export interface RecordHandler {
  series(ref: SeriesRef, pairs: string[]): void;
  sample(ref: SeriesRef, t: number, v: number): void;
  chunk(c: CheckpointChunk): void;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

function readString(buf: Uint8Array, cur: VarintCursor): string {
  const len = readUvarint(buf, cur);
  if (cur.offset + len > buf.length) {
    throw new RangeError('truncated string');
  }
  const s = DECODER.decode(buf.subarray(cur.offset, cur.offset + len));
  cur.offset += len;
  return s;
}

/** Decodes one record payload; throws if it is malformed (a checksum-valid but foreign record). */
export function decodeRecord(payload: Uint8Array, handler: RecordHandler): void {
  const cur: VarintCursor = { offset: 1 };
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  switch (payload[0]) {
    case RecordType.Batch: {
      const nSeries = readUvarint(payload, cur);
      for (let i = 0; i < nSeries; i++) {
        const ref = readUvarint(payload, cur);
        const n = readUvarint(payload, cur);
        const pairs: string[] = new Array(n);
        for (let j = 0; j < n; j++) {
          pairs[j] = readString(payload, cur);
        }
        handler.series(ref, pairs);
      }
      const nSamples = readUvarint(payload, cur);
      let t = 0;
      for (let i = 0; i < nSamples; i++) {
        const ref = readUvarint(payload, cur);
        t += readVarint(payload, cur);
        if (cur.offset + 8 > payload.length) {
          throw new RangeError('truncated sample');
        }
        const v = dv.getFloat64(cur.offset, true);
        cur.offset += 8;
        handler.sample(ref, t, v);
      }
      return;
    }
    case RecordType.Chunks: {
      const n = readUvarint(payload, cur);
      for (let i = 0; i < n; i++) {
        const ref = readUvarint(payload, cur);
        const minT = readVarint(payload, cur);
        const maxT = minT + readUvarint(payload, cur);
        const len = readUvarint(payload, cur);
        if (cur.offset + len > payload.length) {
          throw new RangeError('truncated chunk');
        }
        // A copy: the chunk outlives the file buffer it was read from.
        const bytes = payload.slice(cur.offset, cur.offset + len);
        cur.offset += len;
        handler.chunk({ ref, minT, maxT, bytes });
      }
      return;
    }
    default:
      throw new RangeError(`unknown record type ${payload[0]}`);
  }
}
