export type {
  ActiveAlert,
  AlertRule,
  AlertState,
  AlertTransition,
  QueryResultSeries,
  ResolvedAlert,
  RuleEvaluation,
  RuleGroup,
} from './lib/alert';
export { evaluateAlertRule } from './lib/evaluate-alert-rule';
export { DuplicateAlertLabelsError } from './lib/duplicate-alert-labels-error';
export { ALERT_NAME_LABEL, alertAnnotations, alertLabels } from './lib/alert-labels';
export { expandTemplate } from './lib/expand-template';
export { humanize, humanizeDuration, humanizePercentage } from './lib/humanize';
export type { NotifiableAlert } from './lib/notifiable';
export { formatRfc3339, GO_ZERO_TIME, toNotifiable } from './lib/notifiable';
export type { WebhookPayload, WebhookPayloadInput } from './lib/webhook-payload';
export { buildWebhookPayload, formatLabelSet } from './lib/webhook-payload';
