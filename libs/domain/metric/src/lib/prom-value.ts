/** A text is not a float as Prometheus (Go strconv.ParseFloat) would read it. */
export class PromValueParseError extends Error {
  override readonly name = 'PromValueParseError';

  constructor(readonly text: string) {
    super(`invalid float value "${text}"`);
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Format like the Prometheus HTTP API (Go AppendFloat 'f' -1, switching to 'e' below 1e-6 and from
 * 1e21): JS shares those thresholds and shortest digits, so only the Go exponent style (`e-07`,
 * at least two digits) and the special values differ.
 */
export function formatPromValue(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  if (Object.is(v, -0)) {
    return '-0';
  }
  return String(v).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Inverse of formatPromValue; also accepts what Go's ParseFloat accepts for infinities and NaN. */
export function parsePromValue(s: string): number {
  const lower = s.toLowerCase();
  if (lower === 'nan') {
    return NaN;
  }
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') {
    return Infinity;
  }
  if (lower === '-inf' || lower === '-infinity') {
    return -Infinity;
  }
  if (!DECIMAL.test(s)) {
    throw new PromValueParseError(s);
  }
  return Number(s);
}
