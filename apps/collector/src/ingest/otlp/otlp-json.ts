/** An OTLP request that is not a well-formed ExportMetricsServiceRequest: answered 400. */
export class OtlpFormatError extends Error {}

/** A JSON object (not null, not an array). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Readers of OTLP/JSON fields that fail with the field's path instead of coercing garbage. */
export function object(value: unknown, path: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new OtlpFormatError(`${path}: expected an object`);
  return value as JsonObject;
}

export function array(value: unknown, path: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpFormatError(`${path}: expected an array`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpFormatError(`${path}: expected a string`);
  return value;
}

export function bool(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new OtlpFormatError(`${path}: expected a boolean`);
  return value;
}

/** proto3 JSON doubles: numbers, or the strings "NaN", "Infinity", "-Infinity" (and decimal strings). */
export function double(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
  }
  throw new OtlpFormatError(`${path}: expected a number`);
}

/** int64/uint64 (decimal string or integer number) as a JS number; precision beyond 2^53 is rounded. */
export function int64(value: unknown, path: string, unsigned = false): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && (!unsigned || value >= 0)) return value;
  if (typeof value === 'string' && (unsigned ? /^\d{1,20}$/ : /^-?\d{1,19}$/).test(value))
    return Number(value);
  throw new OtlpFormatError(`${path}: expected a${unsigned ? 'n unsigned' : 'n'} 64-bit integer`);
}

/** Enum fields: OTLP/JSON requires integers. */
export function enumValue(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new OtlpFormatError(`${path}: expected an integer enum value`);
}

/** Nanoseconds since the epoch (fixed64 as decimal string or number) to milliseconds, truncated. */
export function unixNanoToMs(value: unknown, path: string): number {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    // Strings keep nanosecond precision that a double would lose; only the millisecond part is used.
    return value.length <= 6 ? 0 : Number(value.slice(0, -6));
  }
  return Math.floor(int64(value, path, true) / 1e6);
}
