// Arithmetic instead of bit operators: millisecond timestamps exceed 32 bits, and JS bitwise ops truncate.

/** Bytes a uvarint of `value` takes. */
export function uvarintSize(value: number): number {
  let n = 1;
  let v = value;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes a LEB128 unsigned varint (Go's binary.PutUvarint) at `offset`; returns the new offset. */
export function putUvarint(buf: Uint8Array, offset: number, value: number): number {
  let v = value;
  let o = offset;
  while (v >= 128) {
    buf[o++] = v % 128 | 0x80;
    v = Math.floor(v / 128);
  }
  buf[o++] = v;
  return o;
}

/** Zig-zag maps signed to unsigned so small negatives stay short, as Go's binary.PutVarint does. */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** Result slot reused by the readers to avoid allocating a tuple per varint. */
export interface VarintCursor {
  offset: number;
}

/** Reads a uvarint at `cursor.offset`, advancing it. Throws on a truncated or over-long varint. */
export function readUvarint(buf: Uint8Array, cursor: VarintCursor): number {
  let result = 0;
  let scale = 1;
  let o = cursor.offset;
  for (let i = 0; i < 10; i++) {
    if (o >= buf.length) {
      throw new RangeError('truncated varint');
    }
    const b = buf[o++];
    result += (b & 0x7f) * scale;
    if (b < 0x80) {
      cursor.offset = o;
      return result;
    }
    scale *= 128;
  }
  throw new RangeError('varint too long');
}

export function readVarint(buf: Uint8Array, cursor: VarintCursor): number {
  return unzigzag(readUvarint(buf, cursor));
}
