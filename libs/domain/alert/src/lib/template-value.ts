import { compareBytes, type Labels } from '@neo/domain-metric';
import { formatGoFloat } from './go-float';

/** A label map inside a template (`$labels`); wrapped so it cannot be mistaken for a string. */
export interface LabelMapValue {
  readonly labels: Labels;
}

/** What a template pipeline stage can produce. */
export type TemplateValue = string | number | LabelMapValue;

/** Print a value the way Go's text/template does with fmt's %v. */
export function printTemplateValue(value: TemplateValue): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return formatGoFloat(value);
  }
  const pairs = Object.keys(value.labels)
    .sort(compareBytes)
    .map((k) => `${k}:${value.labels[k]}`);
  return `map[${pairs.join(' ')}]`;
}
