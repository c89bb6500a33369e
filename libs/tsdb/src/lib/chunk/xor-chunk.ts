import { BitReader } from '../encoding/bit-reader';
import { BitWriter } from '../encoding/bit-writer';
import { openChunkSlab, sealedChunkSlab } from './byte-slab';
import { floatFromBits, floatHi, floatLoAfterHi } from '../encoding/float-bits';
import { zigzag, unzigzag } from '../encoding/varint';
import { SampleIterator } from './sample-iterator';

/** Prometheus cuts a head chunk after this many samples: beyond it compression gains flatten out. */
export const SAMPLES_PER_CHUNK = 120;

/** Initial buffer of a new chunk. */
const OPEN_CHUNK_BYTES = 256;

/** Two-byte big-endian sample count, as in Prometheus' XORChunk. */
const HEADER_BYTES = 2;

function clz64(hi: number, lo: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

function ctz64(hi: number, lo: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

function writeUvarintBits(w: BitWriter, value: number): void {
  let v = value;
  while (v >= 128) {
    w.writeBits(v % 128 | 0x80, 8);
    v = Math.floor(v / 128);
  }
  w.writeBits(v, 8);
}

function readUvarintBits(r: BitReader): number {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = r.readBits(8);
    result += (b & 0x7f) * scale;
    if (b < 0x80) {
      return result;
    }
    scale *= 128;
  }
  throw new RangeError('varint too long');
}

/** Writes `value` as a 64-bit two's complement pattern (|value| < 2^53). */
function writeInt64Bits(w: BitWriter, value: number): void {
  const hi = Math.floor(value / 2 ** 32);
  w.writeBits(hi | 0, 32);
  w.writeBits(value - hi * 2 ** 32, 32);
}

function readInt64Bits(r: BitReader): number {
  const hi = r.readBits(32) | 0;
  const lo = r.readBits(32);
  return hi * 2 ** 32 + lo;
}

/**
 * Gorilla encoder with Prometheus' exact bit layout: first timestamp as a signed varint, first value as
 * 64 raw bits, second timestamp as an unsigned varint delta, then delta-of-delta buckets
 * (`0`, `10`+14, `110`+17, `1110`+20, `1111`+64 bits) and XOR-ed values (`0` same, `10` reuse the previous
 * leading/trailing window, `11`+5 bits leading+6 bits length+significant bits).
 */
export class XorAppender {
  private readonly w: BitWriter;
  private n: number;
  private t = 0;
  private tDelta = 0;
  private vHi = 0;
  private vLo = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor(w?: BitWriter, state?: XorAppenderState) {
    // 256 bytes hold 120 regular samples (~170 bytes), so a typical head chunk never grows.
    this.w = w ?? new BitWriter(openChunkSlab.alloc(OPEN_CHUNK_BYTES));
    if (!w) {
      this.w.writeBits(0, 16);
    }
    this.n = state?.n ?? 0;
    if (state) {
      this.t = state.t;
      this.tDelta = state.tDelta;
      this.vHi = state.vHi;
      this.vLo = state.vLo;
      this.leading = state.leading;
      this.trailing = state.trailing;
    }
  }

  /** Continues an existing chunk: the encoder state is recovered by decoding it, as Prometheus does. */
  static resume(bytes: Uint8Array): XorAppender {
    const it = new XorIterator(bytes);
    while (it.next()) {
      // Drain to reach the final state.
    }
    const state = it.appenderState();
    return new XorAppender(BitWriter.resume(bytes, it.bitPosition), state);
  }

  get numSamples(): number {
    return this.n;
  }

  get byteLength(): number {
    return this.w.byteLength;
  }

  /** The most recently appended value, bit-exact. */
  get lastValue(): number {
    return floatFromBits(this.vHi, this.vLo);
  }

  /** Appends one sample; the caller guarantees `t` is greater than the previous timestamp. */
  append(t: number, v: number): void {
    const hi = floatHi(v);
    const lo = floatLoAfterHi();
    if (this.n === 0) {
      writeUvarintBits(this.w, zigzag(t));
      this.w.writeBits64(hi, lo);
    } else if (this.n === 1) {
      const tDelta = t - this.t;
      writeUvarintBits(this.w, tDelta);
      this.writeValue(hi, lo);
      this.tDelta = tDelta;
    } else {
      const tDelta = t - this.t;
      this.writeDod(tDelta - this.tDelta);
      this.writeValue(hi, lo);
      this.tDelta = tDelta;
    }
    this.t = t;
    this.vHi = hi;
    this.vLo = lo;
    this.n++;
    this.w.setByte(0, (this.n >>> 8) & 0xff);
    this.w.setByte(1, this.n & 0xff);
  }

  /** Live bytes for concurrent readers; valid for the current `numSamples` only. */
  liveBytes(): Uint8Array {
    return this.w.raw;
  }

  /** Exact-size copy of the encoded chunk. */
  bytes(): Uint8Array {
    return this.w.toBytes();
  }

  /** Exact-size copy for a chunk kept in memory after sealing: a view into a shared slab (see ByteSlab). */
  sealedBytes(): Uint8Array {
    return sealedChunkSlab.copy(this.w.raw, this.w.byteLength);
  }

  private writeDod(dod: number): void {
    const w = this.w;
    if (dod === 0) {
      w.writeBit(0);
    } else if (dod >= -(2 ** 13) + 1 && dod <= 2 ** 13) {
      // Prometheus' bitRange(x, n) is -(2^(n-1))+1 <= x <= 2^(n-1): one value shifted from textbook.
      w.writeBits(0b10, 2);
      w.writeBits(dod, 14);
    } else if (dod >= -(2 ** 16) + 1 && dod <= 2 ** 16) {
      w.writeBits(0b110, 3);
      w.writeBits(dod, 17);
    } else if (dod >= -(2 ** 19) + 1 && dod <= 2 ** 19) {
      w.writeBits(0b1110, 4);
      w.writeBits(dod, 20);
    } else {
      w.writeBits(0b1111, 4);
      writeInt64Bits(w, dod);
    }
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xHi = (hi ^ this.vHi) >>> 0;
    const xLo = (lo ^ this.vLo) >>> 0;
    if (xHi === 0 && xLo === 0) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let leading = clz64(xHi, xLo);
    const trailing = ctz64(xHi, xLo);
    // 5 bits hold the leading count; Prometheus clamps to 31 the same way.
    if (leading >= 32) {
      leading = 31;
    }
    if (this.leading !== 0xff && leading >= this.leading && trailing >= this.trailing) {
      w.writeBit(0);
      writeSignificant(w, xHi, xLo, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = leading;
    this.trailing = trailing;
    w.writeBit(1);
    w.writeBits(leading, 5);
    const sigbits = 64 - leading - trailing;
    // 64 significant bits do not fit in 6 bits; 0 stands for 64 (no XOR has 0 significant bits here).
    w.writeBits(sigbits & 0x3f, 6);
    writeSignificant(w, xHi, xLo, trailing, sigbits);
  }
}

/** Writes bits [trailing, trailing+count) of the 64-bit pattern (hi, lo), most significant first. */
function writeSignificant(w: BitWriter, hi: number, lo: number, trailing: number, count: number): void {
  // Shift right by `trailing` across the two halves, then emit `count` low bits.
  let sHi: number;
  let sLo: number;
  if (trailing === 0) {
    sHi = hi;
    sLo = lo;
  } else if (trailing < 32) {
    sLo = ((lo >>> trailing) | (hi << (32 - trailing))) >>> 0;
    sHi = hi >>> trailing;
  } else {
    sLo = hi >>> (trailing - 32);
    sHi = 0;
  }
  if (count > 32) {
    w.writeBits(sHi, count - 32);
    w.writeBits(sLo, 32);
  } else {
    w.writeBits(sLo, count);
  }
}

/** Decoder state handed to {@link XorAppender} when a chunk is resumed. */
export interface XorAppenderState {
  n: number;
  t: number;
  tDelta: number;
  vHi: number;
  vLo: number;
  leading: number;
  trailing: number;
}

/** Sample count stored in a chunk's header. */
export function chunkSampleCount(bytes: Uint8Array): number {
  return (bytes[0] << 8) | bytes[1];
}

/** Decodes a chunk lazily; `limit` caps the samples read, for chunks still being appended to. */
export class XorIterator implements SampleIterator {
  private readonly r: BitReader;
  private readonly total: number;
  private read = 0;
  private tCur = 0;
  private tDelta = 0;
  private vHi = 0;
  private vLo = 0;
  private vCur = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor(bytes: Uint8Array, limit?: number) {
    const count = chunkSampleCount(bytes);
    this.total = limit === undefined ? count : Math.min(limit, count);
    this.r = new BitReader(bytes, HEADER_BYTES * 8);
  }

  get t(): number {
    return this.tCur;
  }

  get v(): number {
    return this.vCur;
  }

  get bitPosition(): number {
    return this.r.position;
  }

  next(): boolean {
    if (this.read >= this.total) {
      return false;
    }
    const r = this.r;
    if (this.read === 0) {
      this.tCur = unzigzag(readUvarintBits(r));
      this.vHi = r.readBits(32);
      this.vLo = r.readBits(32);
    } else if (this.read === 1) {
      this.tDelta = readUvarintBits(r);
      this.tCur += this.tDelta;
      this.readValue();
    } else {
      this.tDelta += this.readDod();
      this.tCur += this.tDelta;
      this.readValue();
    }
    this.vCur = floatFromBits(this.vHi, this.vLo);
    this.read++;
    return true;
  }

  seek(t: number): boolean {
    if (this.read > 0 && this.tCur >= t) {
      return true;
    }
    while (this.next()) {
      if (this.tCur >= t) {
        return true;
      }
    }
    return false;
  }

  appenderState(): XorAppenderState {
    return {
      n: this.read,
      t: this.tCur,
      tDelta: this.tDelta,
      vHi: this.vHi,
      vLo: this.vLo,
      leading: this.leading,
      trailing: this.trailing,
    };
  }

  private readDod(): number {
    const r = this.r;
    let prefix = 0;
    for (; prefix < 4; prefix++) {
      if (r.readBit() === 0) {
        break;
      }
    }
    switch (prefix) {
      case 0:
        return 0;
      case 1:
        return decodeBucket(r.readBits(14), 14);
      case 2:
        return decodeBucket(r.readBits(17), 17);
      case 3:
        return decodeBucket(r.readBits(20), 20);
      default:
        return readInt64Bits(r);
    }
  }

  private readValue(): void {
    const r = this.r;
    if (r.readBit() === 0) {
      return;
    }
    if (r.readBit() === 1) {
      this.leading = r.readBits(5);
      let sig = r.readBits(6);
      if (sig === 0) {
        sig = 64;
      }
      this.trailing = 64 - this.leading - sig;
    }
    const sig = 64 - this.leading - this.trailing;
    let sHi = 0;
    let sLo: number;
    if (sig > 32) {
      sHi = r.readBits(sig - 32);
      sLo = r.readBits(32);
    } else {
      sLo = r.readBits(sig);
    }
    // Shift (sHi, sLo) left by `trailing` to put the significant bits back in place.
    const tr = this.trailing;
    let xHi: number;
    let xLo: number;
    if (tr === 0) {
      xHi = sHi;
      xLo = sLo;
    } else if (tr < 32) {
      xHi = ((sHi << tr) | (sLo >>> (32 - tr))) >>> 0;
      xLo = (sLo << tr) >>> 0;
    } else {
      xHi = (sLo << (tr - 32)) >>> 0;
      xLo = 0;
    }
    this.vHi = (this.vHi ^ xHi) >>> 0;
    this.vLo = (this.vLo ^ xLo) >>> 0;
  }
}

// Prometheus decodes a bucket as: if bits > 2^(n-1) then bits - 2^n. Matching its bitRange, the
// positive side includes 2^(n-1).
function decodeBucket(bits: number, n: number): number {
  return bits > 2 ** (n - 1) ? bits - 2 ** n : bits;
}
