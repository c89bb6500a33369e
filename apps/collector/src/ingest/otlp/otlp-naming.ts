// OTLP -> Prometheus names as Prometheus' own OTLP translator builds them with metric suffixes on
// (prometheus/prometheus storage/remote/otlptranslator/prometheus/normalize_name.go).

const UNITS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
  $: 'dollars',
};

const PER_UNITS: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

/** What decides the suffixes: counters get `_total`, unit-"1" gauges `_ratio`. */
export type MetricKind = 'gauge' | 'counter' | 'other';

const tokens = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');

/** Unit tokens: `By/s` -> bytes, per, second; annotations in braces (`{requests}`) carry no unit. */
function unitTokens(unit: string): string[] {
  const [main = '', per = ''] = unit.split('/', 2);
  const result: string[] = [];
  const mainName = /[{}]/.test(main) ? '' : (UNITS[main.trim()] ?? main.trim());
  const perName = /[{}]/.test(per) ? '' : (PER_UNITS[per.trim()] ?? per.trim());
  result.push(...tokens(mainName));
  if (perName !== '') result.push('per', ...tokens(perName));
  return result;
}

/** The Prometheus metric name of an OTLP metric (before `_bucket`/`_sum`/`_count` for histograms). */
export function prometheusMetricName(name: string, unit: string, kind: MetricKind): string {
  let parts = tokens(name);
  const unitParts = unitTokens(unit);
  const main = unitParts.slice(0, unitParts.indexOf('per') < 0 ? unitParts.length : unitParts.indexOf('per'));
  const per = unitParts.slice(main.length);
  // A suffix already in the name (e.g. `duration_seconds` with unit s) is not repeated.
  if (main.length > 0 && !main.every((t) => parts.includes(t))) parts.push(...main);
  if (per.length > 0 && !per.slice(1).every((t) => parts.includes(t))) parts.push(...per);
  if (kind === 'counter') parts = [...parts.filter((t) => t !== 'total'), 'total'];
  if (kind === 'gauge' && unit === '1') parts = [...parts.filter((t) => t !== 'ratio'), 'ratio'];
  const joined = parts.join('_').replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^\d/.test(joined) ? `_${joined}` : joined;
}

/** An attribute key as a Prometheus label name: other characters become `_`, digits get a `key_` prefix. */
export function prometheusLabelName(key: string): string {
  if (key === '') return '';
  let label = key.replace(/[^\p{L}\p{N}_]/gu, '_').replace(/[^a-zA-Z0-9_]/g, '_');
  if (/^\d/.test(label)) label = `key_${label}`;
  else if (label.startsWith('_') && !label.startsWith('__')) label = `key${label}`;
  return label;
}
