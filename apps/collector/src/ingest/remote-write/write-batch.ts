import type { SeriesBatch, SeriesRef } from '@neo/tsdb';
import { ProtoError, ProtoReader } from '../proto-reader';
import { decodeSeriesPairs } from './series-labels';

/** Where a known label encoding maps to its series ref (see SeriesKeyCache). */
export interface SeriesKeyLookup {
  get(key: string): SeriesRef | undefined;
}

const NO_CACHE: SeriesKeyLookup = { get: () => undefined };

/**
 * A decoded prometheus.WriteRequest in columns, ready for `Tsdb.appendSeries`: per series a ref (when its
 * label bytes were seen before) or validated label pairs, and its samples in typed arrays. No object is made
 * per sample, and a series whose exact label bytes are in the cache is neither decoded nor re-validated:
 * identical bytes decode to the identical, already validated, label set.
 */
export class WriteBatch implements SeriesBatch {
  length = 0;
  offsets: Uint32Array = new Uint32Array(64);
  timestamps: Float64Array;
  values: Float64Array;
  /** The raw label bytes of each series as a latin1 string (the cache key), when they are contiguous. */
  readonly keys: Array<string | undefined> = [];
  private refs: Int32Array = new Int32Array(64);
  private readonly pairs: Array<readonly string[] | undefined> = [];
  private readonly spans: number[] = [];

  constructor(
    readonly body: Buffer,
    sampleCapacity: number,
  ) {
    this.timestamps = new Float64Array(Math.max(16, sampleCapacity));
    this.values = new Float64Array(Math.max(16, sampleCapacity));
  }

  get samples(): number {
    return this.offsets[this.length];
  }

  refAt(i: number): SeriesRef {
    return this.refs[i];
  }

  pairsAt(i: number): readonly string[] | undefined {
    let pairs = this.pairs[i];
    if (pairs === undefined) {
      // A cache hit whose series is gone from the head: its bytes were validated when cached.
      pairs = decodeSeriesPairs(this.body, this.spans[2 * i], this.spans[2 * i + 1], i);
      this.pairs[i] = pairs;
    }
    return pairs;
  }

  /** @internal decoder use: opens series `i` over message bytes [start, end). */
  beginSeries(start: number, end: number): number {
    const i = this.length;
    if (i + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, this.offsets.length * 2, (n) => new Uint32Array(n));
      this.refs = grow(this.refs, this.offsets.length, (n) => new Int32Array(n));
    }
    this.spans.push(start, end);
    return i;
  }

  /** @internal decoder use: closes series `i` with its ref or pairs and the samples written so far. */
  endSeries(
    ref: SeriesRef,
    pairs: readonly string[] | undefined,
    key: string | undefined,
    sampleEnd: number,
  ): void {
    const i = this.length++;
    this.refs[i] = ref;
    this.pairs.push(pairs);
    this.keys.push(key);
    this.offsets[i + 1] = sampleEnd;
  }

  /** @internal decoder use: room for one more sample. */
  ensureSample(k: number): void {
    if (k < this.timestamps.length) return;
    this.timestamps = grow(this.timestamps, this.timestamps.length * 2, (n) => new Float64Array(n));
    this.values = grow(this.values, this.timestamps.length, (n) => new Float64Array(n));
  }
}

function grow<T extends Uint32Array | Int32Array | Float64Array>(
  array: T,
  length: number,
  make: (n: number) => T,
): T {
  const next = make(length);
  next.set(array);
  return next;
}

/**
 * Decodes prometheus.WriteRequest (remote_write 1.0): field 1 TimeSeries{1 Label{1 name, 2 value},
 * 2 Sample{1 double value, 2 int64 timestamp}}. Metadata (field 3), exemplars and native histograms are
 * skipped: this receiver stores float samples only. Any malformed or invalid input throws a ProtoError
 * before anything is stored.
 */
export function decodeWriteBatch(body: Buffer, cache: SeriesKeyLookup = NO_CACHE): WriteBatch {
  // A sample takes at least 12 bytes on the wire (tags, length, double, a one-byte timestamp).
  const batch = new WriteBatch(body, Math.ceil(body.length / 12));
  const reader = new ProtoReader(body);
  let k = 0;
  while (!reader.done) {
    const tag = reader.uint32();
    if (tag === 0x0a) {
      const end = reader.delimitedEnd();
      k = decodeTimeSeries(batch, body, reader.pos, end, k, cache);
      reader.pos = end;
    } else {
      skipField(reader, tag);
    }
  }
  return batch;
}

function skipField(reader: ProtoReader, tag: number): void {
  if (tag >>> 3 === 0) throw new ProtoError('protobuf: field number 0');
  reader.skip(tag & 7);
}

/** One TimeSeries at [start, end): samples into the batch's columns from index `k`; returns the next index. */
function decodeTimeSeries(
  batch: WriteBatch,
  body: Buffer,
  start: number,
  end: number,
  first: number,
  cache: SeriesKeyLookup,
): number {
  const index = batch.beginSeries(start, end);
  const reader = new ProtoReader(body, start, end);
  // Senders write all labels, then all samples: the labels then form one byte run, the cache key.
  let labelStart = -1;
  let labelEnd = -1;
  let contiguous = true;
  let k = first;
  let valueBytes = new Uint8Array(batch.values.buffer);
  while (!reader.done) {
    const at = reader.pos;
    const tag = reader.uint32();
    if (tag === 0x0a) {
      const fieldEnd = reader.delimitedEnd();
      if (labelStart < 0) labelStart = at;
      else if (labelEnd !== at) contiguous = false;
      labelEnd = fieldEnd;
      reader.pos = fieldEnd;
    } else if (tag === 0x12) {
      batch.ensureSample(k);
      if (batch.values.buffer !== valueBytes.buffer) valueBytes = new Uint8Array(batch.values.buffer);
      const next = fastSample(body, reader.pos, end, valueBytes, batch.timestamps, k);
      if (next >= 0) {
        reader.pos = next;
        k++;
        continue;
      }
      const sampleEnd = reader.delimitedEnd();
      let hasValue = false;
      let timestamp = 0;
      while (reader.pos < sampleEnd) {
        const t = reader.uint32();
        if (t === 0x09) {
          const p = reader.pos;
          if (p + 8 > sampleEnd) throw new ProtoError('protobuf: truncated double');
          copyValue(body, p, valueBytes, k);
          hasValue = true;
          reader.pos = p + 8;
        } else if (t === 0x10) {
          timestamp = reader.int64();
        } else {
          skipField(reader, t);
        }
      }
      // Reads are bounded by the series; a field that ran past its sample is caught here.
      if (reader.pos > sampleEnd) throw new ProtoError('protobuf: field overruns its sample');
      if (!hasValue) batch.values[k] = 0;
      batch.timestamps[k] = timestamp;
      k++;
    } else {
      skipField(reader, tag);
    }
  }
  finishSeries(batch, body, start, end, index, labelStart, labelEnd, contiguous, k, cache);
  return k;
}

/** Sample k's double, copied as bytes so every NaN payload (the staleness marker above all) survives bit-exactly. */
function copyValue(body: Buffer, from: number, valueBytes: Uint8Array, k: number): void {
  const o = k * 8;
  for (let i = 0; i < 8; i++) valueBytes[o + i] = body[from + i];
}

/**
 * The shape every sender writes (value then a non-negative timestamp of at most 7 varint bytes) decoded
 * without the general reader; returns the offset after the sample, or -1 to take the general path.
 */
function fastSample(
  body: Buffer,
  p: number,
  end: number,
  valueBytes: Uint8Array,
  timestamps: Float64Array,
  k: number,
): number {
  const len = body[p];
  const sampleEnd = p + 1 + len;
  if (len >= 0x80 || len < 11 || sampleEnd > end || body[p + 1] !== 0x09 || body[p + 10] !== 0x10) {
    return -1;
  }
  let q = p + 11;
  let timestamp = 0;
  let scale = 1;
  for (let i = 0; i < 7 && q < sampleEnd; i++) {
    const byte = body[q++];
    timestamp += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      if (q !== sampleEnd) return -1;
      copyValue(body, p + 2, valueBytes, k);
      timestamps[k] = timestamp;
      return q;
    }
    scale *= 128;
  }
  return -1;
}

function finishSeries(
  batch: WriteBatch,
  body: Buffer,
  start: number,
  end: number,
  index: number,
  labelStart: number,
  labelEnd: number,
  contiguous: boolean,
  k: number,
  cache: SeriesKeyLookup,
): void {
  const key = contiguous && labelStart >= 0 ? body.toString('latin1', labelStart, labelEnd) : undefined;
  const ref = key === undefined ? undefined : cache.get(key);
  if (ref !== undefined) {
    batch.endSeries(ref, undefined, key, k);
    return;
  }
  // Throws InvalidSeriesError for a label set Prometheus would refuse: nothing is stored then.
  batch.endSeries(-1, decodeSeriesPairs(body, start, end, index), key, k);
}
