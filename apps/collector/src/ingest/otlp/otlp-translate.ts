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
import type { Exemplar } from '../../query/exemplars/exemplar-storage';
import { readExemplars } from './otlp-exemplars';
import { prometheusMetricName, type MetricKind } from './otlp-naming';
import { attributeLabels, resourceIdentity, targetInfoSample } from './otlp-target-info';

/** Samples to store and the points that could not become samples (reported as partial success). */
export interface Translation {
  readonly samples: AppendSample[];
  /** Exemplars with the labels of the series they belong to (for histograms, the bucket they fall in). */
  readonly exemplars: Array<{ readonly series: Labels; readonly exemplar: Exemplar }>;
  rejectedPoints: number;
  readonly errors: Set<string>;
}

const CUMULATIVE = 2;
// OTLP's DataPointFlags.FLAG_NO_RECORDED_VALUE: the series ended; Prometheus writes a staleness marker.
const NO_RECORDED_VALUE = 1;

/** KeyValue list to key -> string value (OTLP AnyValue rendered as Prometheus' translator does). */
function attributes(list: unknown, path: string): Map<string, string> {
  const result = new Map<string, string>();
  array(list, path).forEach((entry, i) => {
    const kv = object(entry, `${path}[${i}]`);
    result.set(string(kv['key'], `${path}[${i}].key`), anyValue(kv['value'], `${path}[${i}].value`));
  });
  return result;
}

/**
 * An AnyValue as a label value, as pcommon.Value.AsString (which Prometheus' translator uses) renders it:
 * doubles in the ES6 number format, bytes in base64, arrays and maps as JSON of their plain values.
 */
function anyValue(value: unknown, path: string): string {
  const v = object(value, path);
  if ('stringValue' in v) return string(v['stringValue'], `${path}.stringValue`);
  if ('bytesValue' in v) return string(v['bytesValue'], `${path}.bytesValue`);
  if ('doubleValue' in v) {
    const x = double(v['doubleValue'], `${path}.doubleValue`);
    return Number.isFinite(x) ? String(x) : `json: unsupported value: ${formatPromValue(x)}`;
  }
  const raw = plainValue(v, path);
  return raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** An AnyValue as a plain JSON value (pcommon's AsRaw); map keys sorted, as Go's JSON encoder writes them. */
function plainValue(v: JsonObject, path: string): Plain {
  if ('stringValue' in v) return string(v['stringValue'], `${path}.stringValue`);
  if ('boolValue' in v) return bool(v['boolValue'], `${path}.boolValue`);
  if ('intValue' in v) return int64(v['intValue'], `${path}.intValue`);
  if ('doubleValue' in v) return double(v['doubleValue'], `${path}.doubleValue`);
  if ('bytesValue' in v) return string(v['bytesValue'], `${path}.bytesValue`);
  if ('arrayValue' in v) {
    const values = array(
      object(v['arrayValue'], `${path}.arrayValue`)['values'],
      `${path}.arrayValue.values`,
    );
    return values.map((item, i) =>
      plainValue(object(item, `${path}.arrayValue.values[${i}]`), `${path}[${i}]`),
    );
  }
  if ('kvlistValue' in v) {
    const entries = [...attributeEntries(object(v['kvlistValue'], `${path}.kvlistValue`)['values'], path)];
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return null;
}

function* attributeEntries(list: unknown, path: string): Iterable<[string, Plain]> {
  const items = array(list, `${path}.values`);
  for (let i = 0; i < items.length; i++) {
    const kv = object(items[i], `${path}.values[${i}]`);
    yield [string(kv['key'], `${path}.values[${i}].key`), plainValue(object(kv['value'], path), path)];
  }
}

/** Point attributes as labels, then the resource's job and instance, which win as in Prometheus. */
function pointLabels(
  base: Readonly<Record<string, string>>,
  list: unknown,
  path: string,
): Record<string, string> {
  return { ...attributeLabels(attributes(list, path)), ...base };
}

/**
 * ExportMetricsServiceRequest (in OTLP/JSON shape) to Prometheus samples: gauges as gauges, monotonic
 * cumulative sums as `_total` counters, histograms as `_bucket{le}`/`_sum`/`_count`, summaries as quantiles,
 * every series with the resource's job/instance, and one `target_info` per resource for its other attributes.
 * Structural errors throw OtlpFormatError (400); points that cannot be represented (delta temporality,
 * exponential histograms, bad names) are counted for partial_success and the rest is kept.
 */
export function translateOtlp(request: unknown): Translation {
  const out: Translation = { samples: [], exemplars: [], rejectedPoints: 0, errors: new Set() };
  const root = object(request, '(root)');
  array(root['resourceMetrics'], 'resourceMetrics').forEach((rm, r) => {
    const rPath = `resourceMetrics[${r}]`;
    const resourceMetrics = object(rm, rPath);
    const resource = object(resourceMetrics['resource'], `${rPath}.resource`);
    const attrs = attributes(resource['attributes'], `${rPath}.resource.attributes`);
    const base = resourceIdentity(attrs);
    const first = out.samples.length;
    array(resourceMetrics['scopeMetrics'], `${rPath}.scopeMetrics`).forEach((sm, s) => {
      const sPath = `${rPath}.scopeMetrics[${s}]`;
      array(object(sm, sPath)['metrics'], `${sPath}.metrics`).forEach((m, i) =>
        translateMetric(object(m, `${sPath}.metrics[${i}]`), `${sPath}.metrics[${i}]`, base, out),
      );
    });
    let newest = -Infinity;
    for (let i = first; i < out.samples.length; i++) newest = Math.max(newest, out.samples[i].timestampMs);
    const info = targetInfoSample(attrs, base, newest);
    if (info !== undefined) out.samples.push(info);
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
    const series = { ...labels, __name__: name };
    for (const exemplar of readExemplars(p, `${path}.dataPoints[${i}]`, attributes)) {
      out.exemplars.push({ series, exemplar });
    }
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
    // An exemplar belongs to the first bucket whose upper bound holds its value, as Prometheus assigns it.
    for (const exemplar of readExemplars(p, at, attributes)) {
      const bound = bounds.find((b) => exemplar.value <= b);
      const le = bound === undefined ? '+Inf' : formatPromValue(bound);
      out.exemplars.push({ series: { ...labels, le, __name__: `${name}_bucket` }, exemplar });
    }
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
