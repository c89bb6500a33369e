const scratch = new DataView(new ArrayBuffer(8));

/** Prometheus' staleness marker: a NaN with this exact payload (value.StaleNaN). */
export const STALE_NAN_BITS_HI = 0x7ff00000;
export const STALE_NAN_BITS_LO = 0x00000002;

function staleNan(): number {
  scratch.setUint32(0, STALE_NAN_BITS_HI);
  scratch.setUint32(4, STALE_NAN_BITS_LO);
  return scratch.getFloat64(0);
}

/**
 * The staleness marker as a JS number. V8 keeps NaN payloads through plain assignment and typed
 * arrays, but arithmetic may canonicalise them, so compare with {@link isStaleMarker}, never `===`.
 */
export const STALE_NAN: number = staleNan();

// V8 sets the quiet bit (0x0008_0000 of the high word) when a NaN is stored in a double-elements
// array, so a marker that passed through `number[]` reads 0x7ff8000000000002. No arithmetic yields
// payload 2, so accepting both forms cannot mistake a computed NaN for a marker.
const QUIET_BIT = 0x00080000;

/** True only for the staleness bit pattern (or its V8-quietened twin); a plain NaN is not a marker. */
export function isStaleMarker(value: number): boolean {
  if (value === value) {
    return false;
  }
  scratch.setFloat64(0, value);
  return (
    (scratch.getUint32(0) | QUIET_BIT) === (STALE_NAN_BITS_HI | QUIET_BIT) &&
    scratch.getUint32(4) === STALE_NAN_BITS_LO
  );
}

/** High 32 bits of the IEEE-754 pattern of `value`. */
export function floatHi(value: number): number {
  scratch.setFloat64(0, value);
  return scratch.getUint32(0);
}

/** Low 32 bits of the pattern most recently split by {@link floatHi}. */
export function floatLoAfterHi(): number {
  return scratch.getUint32(4);
}

export function floatFromBits(hi: number, lo: number): number {
  scratch.setUint32(0, hi >>> 0);
  scratch.setUint32(4, lo >>> 0);
  return scratch.getFloat64(0);
}

/** Bitwise equality: NaNs with the same payload are equal, 0 and -0 are not. */
export function sameFloatBits(a: number, b: number): boolean {
  scratch.setFloat64(0, a);
  const ahi = scratch.getUint32(0);
  const alo = scratch.getUint32(4);
  scratch.setFloat64(0, b);
  return ahi === scratch.getUint32(0) && alo === scratch.getUint32(4);
}
