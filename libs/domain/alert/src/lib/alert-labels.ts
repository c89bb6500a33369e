import { METRIC_NAME_LABEL, sortLabels, type Labels } from '@neo/domain-metric';
import type { AlertRule, QueryResultSeries } from './alert';
import { expandTemplate } from './expand-template';

/** Label that names the rule on every alert it produces. */
export const ALERT_NAME_LABEL = 'alertname';

/**
 * Result labels minus `__name__`, plus the rule's templated labels, plus `alertname`, in the order
 * Prometheus applies them. A label templated to "" is removed, as Prometheus' label builder does.
 */
export function alertLabels(rule: AlertRule, series: QueryResultSeries): Labels {
  const labels: Record<string, string> = { ...series.labels };
  delete labels[METRIC_NAME_LABEL];
  for (const [name, template] of Object.entries(rule.labels)) {
    const value = expandTemplate(template, series.labels, series.value);
    if (value === '') {
      delete labels[name];
    } else {
      labels[name] = value;
    }
  }
  labels[ALERT_NAME_LABEL] = rule.name;
  return sortLabels(labels);
}

/** The rule's annotations templated with one result series' labels and value. */
export function alertAnnotations(rule: AlertRule, series: QueryResultSeries): Labels {
  const annotations: Record<string, string> = {};
  for (const [name, template] of Object.entries(rule.annotations)) {
    annotations[name] = expandTemplate(template, series.labels, series.value);
  }
  return sortLabels(annotations);
}
