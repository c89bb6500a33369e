import { compareBytes, Labels } from './labels';
import { METRIC_NAME_LABEL, quoteLabelValue } from './names';

/**
 * `up{instance="a:1",job="x"}`: the metric name outside the braces, other labels sorted, values
 * escaped as Prometheus prints them. Without a name the braces are always printed, even empty.
 */
export function formatSeries(labels: Labels): string {
  const name = labels[METRIC_NAME_LABEL];
  const pairs = Object.keys(labels)
    .filter((key) => key !== METRIC_NAME_LABEL)
    .sort(compareBytes)
    .map((key) => `${key}=${quoteLabelValue(labels[key])}`);
  if (name === undefined) {
    return `{${pairs.join(',')}}`;
  }
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}
