/** Go math.Pow where it differs from JS `**` (Pow(1, NaN) = 1, Pow(-1, ±Inf) = 1). */
export function goPow(x: number, y: number): number {
  if (x === 1 || y === 0) {
    return 1;
  }
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) {
    return 1;
  }
  return x ** y;
}

/** Element-wise functions of one value (name is dropped by the caller). */
export const MATH_FUNCTIONS: ReadonlyMap<string, (v: number) => number> = new Map<
  string,
  (v: number) => number
>([
  ['abs', Math.abs],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['exp', Math.exp],
  ['sqrt', Math.sqrt],
  ['ln', Math.log],
  ['log2', Math.log2],
  ['log10', Math.log10],
  ['sgn', (v) => (v < 0 ? -1 : v > 0 ? 1 : v)],
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['asinh', Math.asinh],
  ['acosh', Math.acosh],
  ['atanh', Math.atanh],
  ['deg', (v) => (v * 180) / Math.PI],
  ['rad', (v) => (v * Math.PI) / 180],
]);

/** Date functions read the value as Unix seconds, UTC, as Prometheus. */
export const DATE_FUNCTIONS: ReadonlyMap<string, (d: Date) => number> = new Map<string, (d: Date) => number>([
  ['minute', (d) => d.getUTCMinutes()],
  ['hour', (d) => d.getUTCHours()],
  ['day_of_week', (d) => d.getUTCDay()],
  ['day_of_month', (d) => d.getUTCDate()],
  [
    'day_of_year',
    (d) =>
      Math.floor(
        (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
          86_400_000,
      ) + 1,
  ],
  ['days_in_month', (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()],
  ['month', (d) => d.getUTCMonth() + 1],
  ['year', (d) => d.getUTCFullYear()],
]);
