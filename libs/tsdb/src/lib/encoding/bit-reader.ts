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
