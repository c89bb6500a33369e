/** Reads a big-endian bit stream written by {@link BitWriter}. */
export class BitReader {
  private pos: number;
  private readonly endBit: number;

  constructor(
    private readonly buf: Uint8Array,
    startBit = 0,
    endBit = buf.length * 8,
  ) {
    this.pos = startBit;
    this.endBit = endBit;
  }

  get position(): number {
    return this.pos;
  }

  readBit(): number {
    if (this.pos >= this.endBit) {
      throw new RangeError('bit stream exhausted');
    }
    const bit = (this.buf[this.pos >>> 3] >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }

  /** Reads `count` (<= 32) bits as an unsigned number. */
  readBits(count: number): number {
    if (this.pos + count > this.endBit) {
      throw new RangeError('bit stream exhausted');
    }
    const pos = this.pos;
    const offset = pos & 7;
    if (offset + count <= 24) {
      // The common case when decoding chunks (timestamps' dod buckets, most XOR'd values): up to three
      // bytes read at once instead of a loop step per byte. Bytes past the stream end read as 0 and
      // are masked off (the bound check above guarantees the wanted bits are inside).
      const buf = this.buf;
      const i = pos >>> 3;
      const last = buf.length - 1;
      const w = (buf[i] << 16) | (i < last ? buf[i + 1] << 8 : 0) | (i + 1 < last ? buf[i + 2] : 0);
      this.pos = pos + count;
      return (w >>> (24 - offset - count)) & ((1 << count) - 1);
    }
    let out = 0;
    let remaining = count;
    while (remaining > 0) {
      const byte = this.buf[this.pos >>> 3];
      const offset = this.pos & 7;
      const avail = 8 - offset;
      const take = remaining < avail ? remaining : avail;
      const bits = (byte >>> (avail - take)) & ((1 << take) - 1);
      // Multiplication instead of << so 32-bit reads stay unsigned.
      out = out * (1 << take) + bits;
      remaining -= take;
      this.pos += take;
    }
    return out;
  }

  /** Reads `count` (<= 32) bits as a two's complement signed number. */
  readSigned(count: number): number {
    const raw = this.readBits(count);
    const half = 2 ** (count - 1);
    return raw >= half ? raw - 2 ** count : raw;
  }
}
