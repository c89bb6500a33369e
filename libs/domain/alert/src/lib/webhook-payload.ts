import { compareBytes, type Labels } from '@neo/domain-metric';
import type { NotifiableAlert } from './notifiable';

/** Alertmanager's webhook body, version 4. */
export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: NotifiableAlert[];
}

/** Inputs for buildWebhookPayload; `routeKey` is the route's key, `{}` for the root route. */
export interface WebhookPayloadInput {
  readonly receiver: string;
  readonly groupLabels: Labels;
  readonly alerts: readonly NotifiableAlert[];
  readonly externalURL: string;
  readonly maxAlerts?: number;
  readonly routeKey?: string;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Go's strconv.Quote for the characters label values realistically contain.
function goQuote(value: string): string {
  let out = '"';
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (NAMED_ESCAPES[c] !== undefined) {
      out += NAMED_ESCAPES[c];
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += c;
    }
  }
  return `${out}"`;
}

/** Alertmanager's model.LabelSet.String: `{a="1", b="2"}`, sorted, Go-quoted. */
export function formatLabelSet(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort(compareBytes)
    .map((name) => `${name}=${goQuote(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

function plainSorted(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort(compareBytes)) {
    out[name] = labels[name];
  }
  return out;
}

function commonPairs(sets: readonly Labels[]): Record<string, string> {
  if (sets.length === 0) {
    return {};
  }
  const [first, ...rest] = sets;
  const common: Record<string, string> = {};
  for (const name of Object.keys(first).sort(compareBytes)) {
    if (rest.every((set) => set[name] === first[name])) {
      common[name] = first[name];
    }
  }
  return common;
}

/**
 * Build the version 4 webhook body the way Alertmanager does: status and common labels/annotations
 * are computed over all alerts before `maxAlerts` (0 or absent = all) cuts the list, and
 * `truncatedAlerts` counts what was cut. groupKey is `<routeKey>:<group labels>`.
 */
export function buildWebhookPayload(input: WebhookPayloadInput): WebhookPayload {
  const { alerts, maxAlerts = 0 } = input;
  const kept = maxAlerts > 0 && alerts.length > maxAlerts ? alerts.slice(0, maxAlerts) : [...alerts];
  return {
    version: '4',
    groupKey: `${input.routeKey ?? '{}'}:${formatLabelSet(input.groupLabels)}`,
    truncatedAlerts: alerts.length - kept.length,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: input.receiver,
    groupLabels: plainSorted(input.groupLabels),
    commonLabels: commonPairs(alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(alerts.map((a) => a.annotations)),
    externalURL: input.externalURL,
    alerts: kept,
  };
}
