import { putUvarint, zigzag } from '../encoding/varint';

/** A growable byte buffer for encoding records without intermediate arrays. */
export class ByteBuilder {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.len;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  uvarint(v: number): void {
    this.ensure(10);
    this.len = putUvarint(this.buf, this.len, v);
  }

  varint(v: number): void {
    this.uvarint(zigzag(v));
  }

  /** 8 raw bytes via DataView, which keeps NaN payloads (staleness markers) intact. */
  float64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
  }

  uint32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.len, v, true);
    this.len += 4;
  }

  string(s: string): void {
    const max = s.length * 3;
    this.ensure(max + 10);
    // Length prefix is written after encoding, so reserve the worst-case varint and shift if shorter.
    const start = this.len;
    const { written } = ENCODER.encodeInto(s, this.buf.subarray(start + 5, start + 5 + max));
    const lenBytes = putUvarint(this.buf, start, written) - start;
    if (lenBytes !== 5) {
      this.buf.copyWithin(start + lenBytes, start + 5, start + 5 + written);
    }
    this.len = start + lenBytes + written;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Empties the builder, keeping its capacity. */
  reset(): void {
    this.len = 0;
  }

  /** The encoded bytes (a view; valid until the next write). */
  written(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) {
      return;
    }
    const next = new Uint8Array(Math.max(this.len + n, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

const ENCODER = new TextEncoder();
