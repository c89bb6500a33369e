/** A text is not a byte size such as `512MB` or `1GB`. */
export class ByteSizeParseError extends Error {
  override readonly name = 'ByteSizeParseError';

  constructor(readonly text: string) {
    super(`not a valid byte size: "${text}"`);
  }
}

// Prometheus' units.Base2Bytes (--storage.tsdb.retention.size): powers of 1024, upper-case unit letters.
const UNIT: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5,
  EB: 1024 ** 6,
};

/** `0` (no limit), `512MB`, `10GB`, `1.5TB` to bytes. */
export function parseByteSize(text: string): number {
  if (text === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)([KMGTPE]?B)$/.exec(text);
  if (!match) throw new ByteSizeParseError(text);
  return Math.floor(Number(match[1]) * UNIT[match[2]]);
}
