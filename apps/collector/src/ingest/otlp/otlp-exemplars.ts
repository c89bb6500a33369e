import type { Exemplar } from '../../query/exemplars/exemplar-storage';
import { array, double, int64, object, string, unixNanoToMs, type JsonObject } from './otlp-json';

// Prometheus' limit on an exemplar's label runes (OpenMetrics), checked before adding filtered attributes.
const MAX_EXEMPLAR_RUNES = 128;

const runes = (text: string) => [...text].length;
const isZeroId = (hex: string) => /^0*$/.test(hex);

/**
 * The exemplars of an OTLP point, as Prometheus' translator builds them: `trace_id` and `span_id` in hex,
 * then the filtered attributes under their own keys unless they would take the labels past 128 runes.
 * Ids are read in OTLP/JSON form (hex); the protobuf decoder converts its bytes to that form.
 */
export function readExemplars(
  point: JsonObject,
  path: string,
  attributes: (list: unknown, path: string) => Map<string, string>,
): Exemplar[] {
  return array(point['exemplars'], `${path}.exemplars`).map((raw, i) => {
    const at = `${path}.exemplars[${i}]`;
    const e = object(raw, at);
    const labels: Record<string, string> = {};
    let used = 0;
    for (const [field, label] of [
      ['traceId', 'trace_id'],
      ['spanId', 'span_id'],
    ] as const) {
      const id = string(e[field], `${at}.${field}`).toLowerCase();
      if (id === '' || isZeroId(id)) continue;
      labels[label] = id;
      used += runes(label) + runes(id);
    }
    const filtered = attributes(e['filteredAttributes'], `${at}.filteredAttributes`);
    for (const [key, value] of filtered) used += runes(key) + runes(value);
    if (used <= MAX_EXEMPLAR_RUNES) for (const [key, value] of filtered) labels[key] = value;
    const value = 'asInt' in e ? int64(e['asInt'], `${at}.asInt`) : double(e['asDouble'], `${at}.asDouble`);
    return { labels, value, timestampMs: unixNanoToMs(e['timeUnixNano'], `${at}.timeUnixNano`) };
  });
}
