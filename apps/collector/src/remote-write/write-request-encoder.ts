import { compareBytes, type Labels } from '@neo/domain-metric';
import { isStaleMarker } from '@neo/tsdb';
import { compress } from 'snappyjs';

/** One series to send: labels in any order, samples in time order. */
export interface SeriesToSend {
  readonly labels: Labels;
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

function varintSize(n: number): number {
  if (n < 0) return 10;
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Sizes first, then one exact allocation: remote write batches are large and sent often. */
class Writer {
  readonly buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    if (n < 0) {
      // int64 two's complement: always 10 bytes. Rare (timestamps before 1970), so BigInt is fine here.
      let big = BigInt.asUintN(64, BigInt(n));
      for (let i = 0; i < 9; i++) {
        this.byte(Number(big & 0x7fn) | 0x80);
        big >>= 7n;
      }
      this.byte(Number(big));
      return;
    }
    while (n >= 0x80) {
      this.byte(n % 128 | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }

  string(s: string, length: number): void {
    this.varint(length);
    this.pos += this.buf.write(s, this.pos, length, 'utf8');
  }

  double(v: number): void {
    if (isStaleMarker(v)) {
      // Written as words: a NaN's payload is not guaranteed to survive a float store on every path.
      this.buf.writeUInt32LE(0x00000002, this.pos);
      this.buf.writeUInt32LE(0x7ff00000, this.pos + 4);
    } else {
      this.buf.writeDoubleLE(v, this.pos);
    }
    this.pos += 8;
  }
}

/**
 * prometheus.WriteRequest (remote_write 1.0) in protobuf, labels sorted by name in byte order as the spec
 * requires, the staleness marker bit-exact. Hand-written: a generic encoder allocates an object per sample.
 */
export function encodeWriteRequest(series: readonly SeriesToSend[]): Buffer {
  const names: string[][] = [];
  const lengths: number[][] = [];
  const seriesSizes: number[] = [];
  let total = 0;
  for (const s of series) {
    const sorted = Object.keys(s.labels).sort(compareBytes);
    const lens: number[] = [];
    let size = 0;
    for (const name of sorted) {
      const nameLen = Buffer.byteLength(name);
      const valueLen = Buffer.byteLength(s.labels[name]);
      const labelSize = 1 + varintSize(nameLen) + nameLen + 1 + varintSize(valueLen) + valueLen;
      lens.push(nameLen, valueLen, labelSize);
      size += 1 + varintSize(labelSize) + labelSize;
    }
    for (const t of s.timestamps) {
      const sampleSize = 9 + 1 + varintSize(t);
      size += 1 + varintSize(sampleSize) + sampleSize;
    }
    names.push(sorted);
    lengths.push(lens);
    seriesSizes.push(size);
    total += 1 + varintSize(size) + size;
  }
  const w = new Writer(total);
  series.forEach((s, i) => {
    w.byte(0x0a);
    w.varint(seriesSizes[i]);
    const lens = lengths[i];
    names[i].forEach((name, j) => {
      w.byte(0x0a);
      w.varint(lens[3 * j + 2]);
      w.byte(0x0a);
      w.string(name, lens[3 * j]);
      w.byte(0x12);
      w.string(s.labels[name], lens[3 * j + 1]);
    });
    for (let k = 0; k < s.timestamps.length; k++) {
      const t = s.timestamps[k];
      w.byte(0x12);
      w.varint(9 + 1 + varintSize(t));
      w.byte(0x09);
      w.double(s.values[k]);
      w.byte(0x10);
      w.varint(t);
    }
  });
  return w.buf;
}

/** The HTTP body of a remote write request: the WriteRequest, snappy block-compressed. */
export function encodeRemoteWriteBody(series: readonly SeriesToSend[]): Uint8Array {
  return compress(encodeWriteRequest(series));
}

/** The three headers remote_write 1.0 requires on every request. */
export const REMOTE_WRITE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Encoding': 'snappy',
  'Content-Type': 'application/x-protobuf',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
};
