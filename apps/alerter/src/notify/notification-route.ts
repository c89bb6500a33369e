import type { AlerterConfig } from '../config/alerter.config';
import type { NotificationRoute } from './plan-notifications';

/** The route's receiver and its webhooks, plus the NEO_ALERTER_WEBHOOK_URL one when set. */
export function notificationRoute(config: Pick<AlerterConfig, 'file' | 'webhookUrl'>): NotificationRoute {
  const { route, receivers } = config.file;
  const receiver = receivers.find((r) => r.name === route.receiver);
  const webhooks = (receiver?.webhook_configs ?? []).map((w) => ({
    url: w.url,
    sendResolved: w.send_resolved,
  }));
  if (config.webhookUrl) webhooks.push({ url: config.webhookUrl, sendResolved: true });
  return { receiver: route.receiver, groupBy: route.group_by, webhooks };
}
