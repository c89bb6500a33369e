import type { Counter } from 'prom-client';
import type { AlertTransition } from '@neo/domain-alert';
import type { MetricsRegistry } from '@neo/instrumentation';
import { planNotifications, type NotificationRoute } from './plan-notifications';
import { postWebhook, type RetryPolicy } from './post-webhook';

export interface NotifierLogger {
  log(message: Record<string, unknown>): void;
  warn(message: Record<string, unknown>): void;
}

export interface NotifierOptions {
  readonly route: NotificationRoute;
  readonly externalURL: string;
  readonly retry: RetryPolicy;
}

/**
 * Sends webhook notifications without holding up rule evaluation; deliveries in flight are awaited on
 * shutdown (`drain`) so a resolved message is not cut off by a deploy.
 */
export class Notifier {
  private readonly results: Counter<'receiver' | 'result'>;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: NotifierOptions,
    registry: MetricsRegistry,
    private readonly logger: NotifierLogger,
  ) {
    this.results = registry.counter('neo_alerter_notifications_total', 'Webhook notifications by outcome.', [
      'receiver',
      'result',
    ]);
  }

  /** Starts delivery of what `transitions` warrant; returns at once. */
  notify(transitions: readonly AlertTransition[], generatorURL: string): void {
    const planned = planNotifications({
      route: this.options.route,
      transitions,
      generatorURL,
      externalURL: this.options.externalURL,
    });
    for (const message of planned) {
      const delivery = postWebhook(message.url, message.payload, this.options.retry).then((result) => {
        this.results.inc({ receiver: message.receiver, result: result.ok ? 'success' : 'failure' });
        const details = {
          receiver: message.receiver,
          url: message.url,
          status: message.payload.status,
          groupKey: message.payload.groupKey,
          alerts: message.payload.alerts.length,
          attempts: result.attempts,
        };
        if (result.ok) this.logger.log({ msg: 'notification sent', ...details });
        else
          this.logger.warn({
            msg: 'notification failed',
            ...details,
            reason: result.error,
            httpStatus: result.status,
          });
      });
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
