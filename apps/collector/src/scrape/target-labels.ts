import type { Labels } from '@neo/domain-metric';

/**
 * An exposed series' labels joined with its target's, as Prometheus' mutateSampleLabels. honor_labels
 * false: target labels win and a clashing exposed label is kept as `exported_<name>` (so a service
 * reporting its own `job` cannot pretend to be another target). honor_labels true: exposed labels win.
 * Labels with empty values are removed either way.
 */
export function withTargetLabels(exposed: Labels, target: Labels, honorLabels = false): Labels {
  const merged: Record<string, string> = {};
  if (honorLabels) {
    for (const [name, value] of Object.entries(target)) merged[name] = value;
    for (const [name, value] of Object.entries(exposed)) if (value !== '') merged[name] = value;
    return withoutEmpty(merged);
  }
  for (const [name, value] of Object.entries(exposed)) {
    if (Object.prototype.hasOwnProperty.call(target, name)) {
      let exportedName = `exported_${name}`;
      // Prometheus keeps prefixing until the name is free.
      while (
        Object.prototype.hasOwnProperty.call(exposed, exportedName) ||
        Object.prototype.hasOwnProperty.call(target, exportedName)
      ) {
        exportedName = `exported_${exportedName}`;
      }
      merged[exportedName] = value;
    } else {
      merged[name] = value;
    }
  }
  for (const [name, value] of Object.entries(target)) merged[name] = value;
  return withoutEmpty(merged);
}

function withoutEmpty(labels: Record<string, string>): Labels {
  for (const name of Object.keys(labels)) if (labels[name] === '') delete labels[name];
  return labels;
}
