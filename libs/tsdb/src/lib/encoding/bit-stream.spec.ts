import { BitReader } from './bit-reader';
import { BitWriter } from './bit-writer';

describe('bit stream', () => {
  it('reads back mixed-width fields written most-significant-bit first', () => {
    const w = new BitWriter(1);
    w.writeBit(1);
    w.writeBits(0b101, 3);
    w.writeBits(0xdeadbeef, 32);
    w.writeBits(-3, 14);
    w.writeBits64(0x80000000, 1);
    const r = new BitReader(w.toBytes());
    expect(r.readBit()).toBe(1);
    expect(r.readBits(3)).toBe(0b101);
    expect(r.readBits(32)).toBe(0xdeadbeef);
    expect(r.readSigned(14)).toBe(-3);
    expect(r.readBits(32)).toBe(0x80000000);
    expect(r.readBits(32)).toBe(1);
    expect(w.bitLength).toBe(1 + 3 + 32 + 14 + 64);
  });

  it('puts the first bit in the high bit of the first byte', () => {
    const w = new BitWriter();
    w.writeBit(1);
    w.writeBits(1, 8);
    expect(Array.from(w.toBytes())).toEqual([0x80, 0x80]);
  });

  it('refuses to read past the end', () => {
    const r = new BitReader(new Uint8Array([0xff]), 0, 4);
    expect(r.readBits(4)).toBe(0xf);
    expect(() => r.readBit()).toThrow(RangeError);
  });

  it('resumes writing after an existing stream', () => {
    const w = new BitWriter();
    w.writeBits(0b1011, 4);
    const resumed = BitWriter.resume(w.toBytes(), w.bitLength);
    resumed.writeBits(0b0110, 4);
    expect(Array.from(resumed.toBytes())).toEqual([0b10110110]);
  });
});
