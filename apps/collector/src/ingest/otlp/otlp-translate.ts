import { formatPromValue, isValidMetricName, type Labels } from '@neo/domain-metric';
import { STALE_NAN, type AppendSample } from '@neo/tsdb';
import {
  array,
  bool,
  double,
  enumValue,
  int64,
  object,
  OtlpFormatError,
  string,
  unixNanoToMs,
  type JsonObject,
} from './otlp-json';
import { prometheusLabelName, prometheusMetricName, type MetricKind } from './otlp-naming';

/** Samples to store and the points that could not become samples (reported as partial success). */
export interface Translation {
  readonly samples: AppendSample[];
  rejectedPoints: number;
  readonly errors: Set<string>;
}

const CUMULATIVE = 2;
// OTLP's DataPointFlags.FLAG_NO_RECORDED_VALUE: the series ended; Prometheus writes a staleness marker.
const NO_RECORDED_VALUE = 1;

/** Resource attributes that become job/instance instead of plain labels (Prometheus' convention). */
function resourceLabels(resource: JsonObject, path: string): Record<string, string> {
  const attrs = attributes(resource['attributes'], `${path}.attributes`);
  const labels: Record<string, string> = {};
  const name = attrs.get('service.name');
  const namespace = attrs.get('service.namespace');
  if (name !== undefined) labels['job'] = namespace ? `${namespace}/${name}` : name;
  const instance = attrs.get('service.instance.id');
  if (instance !== undefined) labels['instance'] = instance;
  return labels;
}

/** KeyValue list to key -> string value (OTLP AnyValue rendered as Prometheus' translator does). */
function attributes(list: unknown, path: string): Map<string, string> {
  const result = new Map<string, string>();
  array(list, path).forEach((entry, i) => {
    const kv = object(entry, `${path}[${i}]`);
    result.set(string(kv['key'], `${path}[${i}].key`), anyValue(kv['value'], `${path}[${i}].value`));
  });
  return result;
}

function anyValue(value: unknown, path: string): string {
  const v = object(value, path);
  if ('stringValue' in v) return string(v['stringValue'], `${path}.stringValue`);
  if ('boolValue' in v) return String(bool(v['boolValue'], `${path}.boolValue`));
  if ('intValue' in v) return String(int64(v['intValue'], `${path}.intValue`));
  if ('doubleValue' in v) return formatPromValue(double(v['doubleValue'], `${path}.doubleValue`));
  if ('arrayValue' in v || 'kvlistValue' in v || 'bytesValue' in v) return JSON.stringify(v);
  return '';
}

/** Point attributes as labels; keys that collide after sanitising are joined with `;`, as Prometheus does. */
function pointLabels(
  base: Readonly<Record<string, string>>,
  list: unknown,
  path: string,
): Record<string, string> {
  const labels: Record<string, string> = { ...base };
  const attrs = [...attributes(list, path)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const own = new Map<string, string>();
  for (const [key, value] of attrs) {
    const name = prometheusLabelName(key);
    if (name === '' || value === '') continue;
    own.set(name, own.has(name) ? `${own.get(name)};${value}` : value);
  }
  for (const [name, value] of own) labels[name] = value;
  return labels;
}

/**
 * ExportMetricsServiceRequest (in OTLP/JSON shape) to Prometheus samples: gauges as gauges, monotonic
 * cumulative sums as `_total` counters, histograms as `_bucket{le}`/`_sum`/`_count`, summaries as quantiles.
 * Structural errors throw OtlpFormatError (400); points that cannot be represented (delta temporality,
 * exponential histograms, bad names) are counted for partial_success and the rest is kept.
 */
export function translateOtlp(request: unknown): Translation {
  const out: Translation = { samples: [], rejectedPoints: 0, errors: new Set() };
  const root = object(request, '(root)');
  array(root['resourceMetrics'], 'resourceMetrics').forEach((rm, r) => {
    const rPath = `resourceMetrics[${r}]`;
    const resourceMetrics = object(rm, rPath);
    const base = resourceLabels(
      object(resourceMetrics['resource'], `${rPath}.resource`),
      `${rPath}.resource`,
    );
    array(resourceMetrics['scopeMetrics'], `${rPath}.scopeMetrics`).forEach((sm, s) => {
      const sPath = `${rPath}.scopeMetrics[${s}]`;
      array(object(sm, sPath)['metrics'], `${sPath}.metrics`).forEach((m, i) =>
        translateMetric(object(m, `${sPath}.metrics[${i}]`), `${sPath}.metrics[${i}]`, base, out),
      );
    });
  });
  return out;
}

function translateMetric(metric: JsonObject, path: string, base: Labels, out: Translation): void {
  const name = string(metric['name'], `${path}.name`);
  const unit = string(metric['unit'], `${path}.unit`);
  const reject = (points: number, why: string) => {
    out.rejectedPoints += points;
    out.errors.add(`metric "${name}": ${why}`);
  };
  const pointsOf = (data: JsonObject, field: string) =>
    array(data['dataPoints'], `${path}.${field}.dataPoints`);
  if (metric['gauge'] !== undefined) {
    const data = object(metric['gauge'], `${path}.gauge`);
    numberPoints(
      pointsOf(data, 'gauge'),
      `${path}.gauge`,
      prometheusMetricName(name, unit, 'gauge'),
      base,
      out,
      reject,
    );
  } else if (metric['sum'] !== undefined) {
    const data = object(metric['sum'], `${path}.sum`);
    const points = pointsOf(data, 'sum');
    const monotonic = bool(data['isMonotonic'], `${path}.sum.isMonotonic`);
    if (enumValue(data['aggregationTemporality'], `${path}.sum.aggregationTemporality`) !== CUMULATIVE) {
      // A delta sum needs state across requests to become a Prometheus counter; Prometheus 2.x drops it too.
      if (monotonic) return reject(points.length, 'delta (or unspecified) temporality is not supported');
    }
    const kind: MetricKind = monotonic ? 'counter' : 'gauge';
    numberPoints(points, `${path}.sum`, prometheusMetricName(name, unit, kind), base, out, reject);
  } else if (metric['histogram'] !== undefined) {
    const data = object(metric['histogram'], `${path}.histogram`);
    const points = pointsOf(data, 'histogram');
    if (
      enumValue(data['aggregationTemporality'], `${path}.histogram.aggregationTemporality`) !== CUMULATIVE
    ) {
      return reject(points.length, 'delta (or unspecified) temporality is not supported');
    }
    histogramPoints(
      points,
      `${path}.histogram`,
      prometheusMetricName(name, unit, 'other'),
      base,
      out,
      reject,
    );
  } else if (metric['summary'] !== undefined) {
    const data = object(metric['summary'], `${path}.summary`);
    summaryPoints(
      pointsOf(data, 'summary'),
      `${path}.summary`,
      prometheusMetricName(name, unit, 'other'),
      base,
      out,
      reject,
    );
  } else if (metric['exponentialHistogram'] !== undefined) {
    const data = object(metric['exponentialHistogram'], `${path}.exponentialHistogram`);
    reject(pointsOf(data, 'exponentialHistogram').length, 'exponential histograms are not supported');
  } else {
    reject(0, 'no data (gauge, sum, histogram or summary)');
  }
}

type Reject = (points: number, why: string) => void;

interface Point {
  readonly labels: Record<string, string>;
  readonly t: number;
  readonly stale: boolean;
  readonly p: JsonObject;
}

function readPoint(raw: unknown, path: string, base: Labels): Point {
  const p = object(raw, path);
  return {
    labels: pointLabels(base, p['attributes'], `${path}.attributes`),
    t: unixNanoToMs(p['timeUnixNano'], `${path}.timeUnixNano`),
    stale: (enumValue(p['flags'], `${path}.flags`) & NO_RECORDED_VALUE) !== 0,
    p,
  };
}

function emit(
  out: Translation,
  name: string,
  labels: Record<string, string>,
  t: number,
  value: number,
): void {
  out.samples.push({ labels: { ...labels, __name__: name }, timestampMs: t, value });
}

function numberPoints(
  points: readonly unknown[],
  path: string,
  name: string,
  base: Labels,
  out: Translation,
  reject: Reject,
): void {
  if (!isValidMetricName(name)) return reject(points.length, `invalid Prometheus name "${name}"`);
  points.forEach((raw, i) => {
    const { labels, t, stale, p } = readPoint(raw, `${path}.dataPoints[${i}]`, base);
    const value =
      'asInt' in p
        ? int64(p['asInt'], `${path}.dataPoints[${i}].asInt`)
        : double(p['asDouble'], `${path}.dataPoints[${i}].asDouble`);
    emit(out, name, labels, t, stale ? STALE_NAN : value);
  });
}

function histogramPoints(
  points: readonly unknown[],
  path: string,
  name: string,
  base: Labels,
  out: Translation,
  reject: Reject,
): void {
  if (!isValidMetricName(name)) return reject(points.length, `invalid Prometheus name "${name}"`);
  points.forEach((raw, i) => {
    const at = `${path}.dataPoints[${i}]`;
    const { labels, t, stale, p } = readPoint(raw, at, base);
    const bounds = array(p['explicitBounds'], `${at}.explicitBounds`).map((b, j) =>
      double(b, `${at}.explicitBounds[${j}]`),
    );
    const counts = array(p['bucketCounts'], `${at}.bucketCounts`).map((c, j) =>
      int64(c, `${at}.bucketCounts[${j}]`, true),
    );
    if (counts.length > 0 && counts.length !== bounds.length + 1) {
      return reject(
        1,
        `histogram point with ${counts.length} bucket counts for ${bounds.length} bounds (needs bounds + 1)`,
      );
    }
    const v = (x: number) => (stale ? STALE_NAN : x);
    // OTLP counts are per bucket; Prometheus buckets are cumulative (le = upper bound inclusive).
    let cumulative = 0;
    bounds.forEach((bound, j) => {
      cumulative += counts[j] ?? 0;
      emit(out, `${name}_bucket`, { ...labels, le: formatPromValue(bound) }, t, v(cumulative));
    });
    const count = int64(p['count'], `${at}.count`, true);
    emit(out, `${name}_bucket`, { ...labels, le: '+Inf' }, t, v(count));
    if ('sum' in p) emit(out, `${name}_sum`, labels, t, v(double(p['sum'], `${at}.sum`)));
    emit(out, `${name}_count`, labels, t, v(count));
  });
}

function summaryPoints(
  points: readonly unknown[],
  path: string,
  name: string,
  base: Labels,
  out: Translation,
  reject: Reject,
): void {
  if (!isValidMetricName(name)) return reject(points.length, `invalid Prometheus name "${name}"`);
  points.forEach((raw, i) => {
    const at = `${path}.dataPoints[${i}]`;
    const { labels, t, stale, p } = readPoint(raw, at, base);
    const v = (x: number) => (stale ? STALE_NAN : x);
    array(p['quantileValues'], `${at}.quantileValues`).forEach((q, j) => {
      const qv = object(q, `${at}.quantileValues[${j}]`);
      const quantile = formatPromValue(double(qv['quantile'], `${at}.quantileValues[${j}].quantile`));
      emit(out, name, { ...labels, quantile }, t, v(double(qv['value'], `${at}.quantileValues[${j}].value`)));
    });
    emit(out, `${name}_sum`, labels, t, v(double(p['sum'], `${at}.sum`)));
    emit(out, `${name}_count`, labels, t, v(int64(p['count'], `${at}.count`, true)));
  });
}

export { OtlpFormatError };
