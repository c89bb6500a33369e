import {
  buildWebhookPayload,
  toNotifiable,
  type AlertTransition,
  type NotifiableAlert,
  type WebhookPayload,
} from '@neo/domain-alert';
import type { Labels } from '@neo/domain-metric';

export interface WebhookTarget {
  readonly url: string;
  readonly sendResolved: boolean;
}

/** The single route for now: every alert goes to `receiver`, grouped by `groupBy` (`...` = all labels). */
export interface NotificationRoute {
  readonly receiver: string;
  readonly groupBy: readonly string[];
  readonly webhooks: readonly WebhookTarget[];
}

export interface PlannedWebhook {
  readonly receiver: string;
  readonly url: string;
  readonly payload: WebhookPayload;
}

export interface PlanInput {
  readonly route: NotificationRoute;
  readonly transitions: readonly AlertTransition[];
  readonly generatorURL: string;
  readonly externalURL: string;
}

function groupLabels(labels: Labels, groupBy: readonly string[]): Labels {
  if (groupBy.includes('...')) return labels;
  const picked: Record<string, string> = {};
  for (const name of groupBy) {
    if (labels[name] !== undefined) picked[name] = labels[name];
  }
  return picked;
}

/** Alerts that warrant a message: newly firing, and firing ones that resolved. Pending never notifies. */
export function notifiableAlerts(
  transitions: readonly AlertTransition[],
  generatorURL: string,
): NotifiableAlert[] {
  return transitions
    .filter((t) => t.to === 'firing' || (t.to === 'resolved' && t.from === 'firing'))
    .map((t) => toNotifiable(t.alert, generatorURL));
}

/**
 * The webhook POSTs one evaluation's transitions cause: one Alertmanager v4 payload per alert group and
 * webhook. A webhook without send_resolved gets only firing alerts, as in Alertmanager.
 */
export function planNotifications(input: PlanInput): PlannedWebhook[] {
  const alerts = notifiableAlerts(input.transitions, input.generatorURL);
  const groups = new Map<string, { labels: Labels; alerts: NotifiableAlert[] }>();
  for (const alert of alerts) {
    const labels = groupLabels(alert.labels, input.route.groupBy);
    const key = JSON.stringify(Object.entries(labels).sort());
    const group = groups.get(key) ?? { labels, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  const planned: PlannedWebhook[] = [];
  for (const group of groups.values()) {
    for (const webhook of input.route.webhooks) {
      const sent = webhook.sendResolved ? group.alerts : group.alerts.filter((a) => a.status === 'firing');
      if (sent.length === 0) continue;
      planned.push({
        receiver: input.route.receiver,
        url: webhook.url,
        payload: buildWebhookPayload({
          receiver: input.route.receiver,
          groupLabels: group.labels,
          alerts: sent,
          externalURL: input.externalURL,
        }),
      });
    }
  }
  return planned;
}
