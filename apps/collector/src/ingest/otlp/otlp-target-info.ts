import type { Labels } from '@neo/domain-metric';
import type { AppendSample } from '@neo/tsdb';
import { prometheusLabelName } from './otlp-naming';

// The resource attributes Prometheus turns into job and instance (OpenTelemetry semantic conventions).
const SERVICE_NAME = 'service.name';
const SERVICE_NAMESPACE = 'service.namespace';
const SERVICE_INSTANCE_ID = 'service.instance.id';
const IDENTIFYING = new Set([SERVICE_NAME, SERVICE_NAMESPACE, SERVICE_INSTANCE_ID]);

/** The name Prometheus gives the series carrying a resource's other attributes. */
export const TARGET_INFO = 'target_info';

/**
 * `job` (service.namespace/service.name, or service.name) and `instance` (service.instance.id) of a
 * resource: Prometheus puts them on every series of the resource, over any point attribute of that name.
 */
export function resourceIdentity(attrs: ReadonlyMap<string, string>): Labels {
  const labels: Record<string, string> = {};
  const name = attrs.get(SERVICE_NAME);
  const namespace = attrs.get(SERVICE_NAMESPACE);
  if (name !== undefined) labels['job'] = namespace ? `${namespace}/${name}` : name;
  const instance = attrs.get(SERVICE_INSTANCE_ID);
  if (instance !== undefined) labels['instance'] = instance;
  return labels;
}

/**
 * Attributes as labels the way Prometheus' OTLP translator does: keys sanitised (prometheusLabelName), keys
 * that collide after sanitising joined with `;` in key order, empty values left out (they mean "no label").
 */
export function attributeLabels(attrs: Iterable<readonly [string, string]>): Record<string, string> {
  const sorted = [...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const labels: Record<string, string> = {};
  for (const [key, value] of sorted) {
    const name = prometheusLabelName(key);
    if (name === '' || value === '') continue;
    labels[name] = name in labels ? `${labels[name]};${value}` : value;
  }
  return labels;
}

/**
 * The `target_info` sample of a resource, as Prometheus' OTLP receiver writes it: value 1 at the newest
 * point timestamp of the resource, labels = the resource attributes other than the three identifying ones,
 * plus job and instance. None when the resource has no other attributes (target_info would add nothing), no
 * job or instance (it could not be joined to the resource's series), or no points (no timestamp).
 */
export function targetInfoSample(
  attrs: ReadonlyMap<string, string>,
  identity: Labels,
  newestMs: number,
): AppendSample | undefined {
  const others = [...attrs].filter(([key]) => !IDENTIFYING.has(key));
  if (others.length === 0 || newestMs === -Infinity) return undefined;
  if (identity['job'] === undefined && identity['instance'] === undefined) return undefined;
  const labels = { ...attributeLabels(others), ...identity, __name__: TARGET_INFO };
  return { labels, timestampMs: newestMs, value: 1 };
}
