function splitExponential(text: string): { mantissa: string; exponent: number } {
  const [mantissa, exponent] = text.split('e');
  // Go's %g drops trailing zeros of the mantissa; toExponential(n) keeps them.
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return { mantissa: trimmed, exponent: Number(exponent) };
}

/**
 * Go's `%g` (precision > 0) or `%v` (precision omitted, shortest digits) for a float64: exponent
 * form when the exponent is below -4 or at least the precision (6 for %v, so `1e+06`), with at least
 * two exponent digits. Exact decimal ties round up here where Go rounds half to even.
 */
export function formatGoFloat(v: number, precision?: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const abs = Math.abs(v);
  const { mantissa, exponent } = splitExponential(
    precision === undefined ? abs.toExponential() : abs.toExponential(Math.max(precision, 1) - 1),
  );
  const limit = precision === undefined ? 6 : Math.max(precision, 1);
  if (exponent < -4 || exponent >= limit) {
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return `${sign}${String(Number(`${mantissa}e${exponent}`))}`;
}
