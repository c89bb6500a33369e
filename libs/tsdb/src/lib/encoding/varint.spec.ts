import { putUvarint, readUvarint, readVarint, uvarintSize, zigzag } from './varint';

describe('varint', () => {
  it.each([0, 1, 127, 128, 300, 2 ** 32 + 5, 1_700_000_000_000, 2 ** 53 - 1])('round-trips %d', (n) => {
    const buf = new Uint8Array(10);
    const end = putUvarint(buf, 0, n);
    expect(end).toBe(uvarintSize(n));
    const cursor = { offset: 0 };
    expect(readUvarint(buf, cursor)).toBe(n);
    expect(cursor.offset).toBe(end);
  });

  it('matches Go encodings for known values', () => {
    const buf = new Uint8Array(4);
    expect(putUvarint(buf, 0, 300)).toBe(2);
    expect(Array.from(buf.subarray(0, 2))).toEqual([0xac, 0x02]);
    expect(zigzag(-1)).toBe(1);
    expect(zigzag(1)).toBe(2);
  });

  it('round-trips negative signed values', () => {
    const buf = new Uint8Array(10);
    putUvarint(buf, 0, zigzag(-1_700_000_000_123));
    expect(readVarint(buf, { offset: 0 })).toBe(-1_700_000_000_123);
  });

  it('throws on a truncated varint', () => {
    expect(() => readUvarint(new Uint8Array([0x80, 0x80]), { offset: 0 })).toThrow(RangeError);
  });
});
