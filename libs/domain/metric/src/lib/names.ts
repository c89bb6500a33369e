const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The reserved label that carries the metric name. */
export const METRIC_NAME_LABEL = '__name__';

/** Classic (pre-UTF-8) Prometheus metric name rule. */
export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Classic Prometheus label name rule; colons are reserved for recording rules' metric names. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Quote a label value the way Prometheus prints it: only `\\`, `"` and newline are escaped. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
