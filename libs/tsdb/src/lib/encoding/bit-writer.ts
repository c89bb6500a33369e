/**
 * Append-only big-endian bit stream (most significant bit first), the layout Prometheus' XOR chunks
 * use, so chunk bytes could be compared with theirs bit for bit.
 */
export class BitWriter {
  private buf: Uint8Array;
  private bitLen = 0;

  /** A size to allocate, or a zero-filled buffer to start in (a slab region, see ByteSlab). */
  constructor(initial: number | Uint8Array = 32) {
    this.buf = typeof initial === 'number' ? new Uint8Array(Math.max(1, initial)) : initial;
  }

  /** Rebuilds a writer positioned after `bitLength` bits of `bytes`, to continue an existing stream. */
  static resume(bytes: Uint8Array, bitLength: number): BitWriter {
    const w = new BitWriter(bytes.length + 16);
    w.buf.set(bytes.subarray(0, Math.ceil(bitLength / 8)));
    w.bitLen = bitLength;
    return w;
  }

  get bitLength(): number {
    return this.bitLen;
  }

  get byteLength(): number {
    return (this.bitLen + 7) >>> 3;
  }

  writeBit(bit: boolean | number): void {
    this.ensure(1);
    if (bit) {
      this.buf[this.bitLen >>> 3] |= 0x80 >>> (this.bitLen & 7);
    }
    this.bitLen++;
  }

  /** Writes the low `count` bits of `value` (count <= 32); two's complement for negatives. */
  writeBits(value: number, count: number): void {
    if (count === 0) {
      return;
    }
    this.ensure(count);
    let remaining = count;
    // >>> 0 keeps 32-bit values unsigned so shifting below never sees a sign.
    const v = count === 32 ? value >>> 0 : (value & ((1 << count) - 1)) >>> 0;
    while (remaining > 0) {
      const byteIdx = this.bitLen >>> 3;
      const free = 8 - (this.bitLen & 7);
      const take = remaining < free ? remaining : free;
      const shift = remaining - take;
      const chunk = (v >>> shift) & ((1 << take) - 1);
      this.buf[byteIdx] |= chunk << (free - take);
      remaining -= take;
      this.bitLen += take;
    }
  }

  /** Writes a 64-bit pattern given as two unsigned 32-bit halves. */
  writeBits64(hi: number, lo: number): void {
    this.writeBits(hi, 32);
    this.writeBits(lo, 32);
  }

  /** Writes a byte-aligned prefix (used for the chunk's sample-count header). */
  setByte(index: number, value: number): void {
    this.buf[index] = value;
  }

  /** The live buffer; valid up to `byteLength`. Readers snapshot a length; later writes only add bits. */
  get raw(): Uint8Array {
    return this.buf;
  }

  /** An exact-size copy, for sealing a finished chunk without its spare capacity. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.byteLength);
  }

  private ensure(bits: number): void {
    const needed = (this.bitLen + bits + 7) >>> 3;
    if (needed <= this.buf.length) {
      return;
    }
    // A new buffer instead of in-place growth: a reader holding the old one keeps valid bytes.
    const next = new Uint8Array(Math.max(needed, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
  }
}
