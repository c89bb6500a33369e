import { floatFromBits, isStaleMarker, sameFloatBits, STALE_NAN } from './float-bits';

function bitsOf(v: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  return dv.getBigUint64(0).toString(16);
}

describe('float bits', () => {
  it('STALE_NAN has the Prometheus bit pattern', () => {
    expect(bitsOf(STALE_NAN)).toBe('7ff0000000000002');
  });

  it('tells the marker from ordinary NaN and numbers', () => {
    expect(isStaleMarker(STALE_NAN)).toBe(true);
    expect(isStaleMarker(NaN)).toBe(false);
    expect(isStaleMarker(0 / 0)).toBe(false);
    expect(isStaleMarker(floatFromBits(0x7ff00000, 3))).toBe(false);
    expect(isStaleMarker(1)).toBe(false);
    expect(isStaleMarker(Infinity)).toBe(false);
  });

  it('still recognises a marker that V8 quietened by storing it in a double array', () => {
    const arr = [1.5, 2.5];
    arr.push(STALE_NAN);
    expect(isStaleMarker(arr[2])).toBe(true);
  });

  it('compares bit patterns, not numeric equality', () => {
    expect(sameFloatBits(NaN, NaN)).toBe(true);
    expect(sameFloatBits(STALE_NAN, NaN)).toBe(false);
    expect(sameFloatBits(0, -0)).toBe(false);
    expect(sameFloatBits(1.25, 1.25)).toBe(true);
  });
});
