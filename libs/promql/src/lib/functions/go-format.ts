/** Go strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent (count_values labels). */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) {
    return s;
  }
  const [, sign, head, tail = '', expText] = m;
  const exp = Number(expText);
  const digits = head + tail;
  if (exp < 0) {
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return (
    sign +
    (digits.length > exp + 1
      ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
      : digits + '0'.repeat(exp + 1 - digits.length))
  );
}
