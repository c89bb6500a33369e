/** Malformed protobuf: the message goes into the 400 answer. */
export class ProtoError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A minimal protobuf wire-format reader over one buffer: enough for remote_write's WriteRequest, hand-written
 * because a generic decoder allocates an object per sample, and every bound is checked so that any byte
 * string ends in a ProtoError rather than a RangeError or a wrong value.
 */
export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint that must fit in 32 bits (tags and lengths). */
  uint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new ProtoError('protobuf: truncated varint');
      const byte = this.buf[this.pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (result > 0xffffffff) throw new ProtoError('protobuf: varint overflows 32 bits');
        return result;
      }
    }
    throw new ProtoError('protobuf: varint overflows 32 bits');
  }

  /** A two's-complement int64 varint as a JS number; values beyond ±2^53 are refused, not rounded. */
  int64(): number {
    let lo = 0;
    let hi = 0;
    let i = 0;
    for (; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('protobuf: truncated varint');
      const byte = this.buf[this.pos++];
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (byte < 0x80) break;
    }
    if (i === 10) throw new ProtoError('protobuf: varint longer than 10 bytes');
    const value = (hi | 0) * 4294967296 + (lo >>> 0);
    if (!Number.isSafeInteger(value)) throw new ProtoError('protobuf: int64 beyond ±2^53');
    return value;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('protobuf: truncated double');
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** Raw bits of a double (low word, high word), for the stale-marker check. */
  doubleWords(at: number): [number, number] {
    return [this.buf.readUInt32LE(at), this.buf.readUInt32LE(at + 4)];
  }

  /** The end offset of a length-delimited field starting at the current position. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.end) throw new ProtoError('protobuf: length-delimited field overruns its message');
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const start = this.pos;
    this.pos = end;
    for (let i = start; i < end; i++) {
      if (this.buf[i] >= 0x80) {
        try {
          return utf8.decode(this.buf.subarray(start, end));
        } catch {
          throw new ProtoError('protobuf: string is not valid UTF-8');
        }
      }
    }
    // ASCII (nearly every label) takes the fast path.
    return this.buf.toString('latin1', start, end);
  }

  /** Skip a field of the given wire type (unknown fields are allowed, as protobuf requires). */
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.int64Skip();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.pos = this.delimitedEnd();
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new ProtoError(`protobuf: unsupported wire type ${wireType}`);
    }
  }

  private int64Skip(): void {
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('protobuf: truncated varint');
      if (this.buf[this.pos++] < 0x80) return;
    }
    throw new ProtoError('protobuf: varint longer than 10 bytes');
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError('protobuf: truncated fixed-width field');
    this.pos += n;
  }
}
