import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import { HealthRegistry, MetricsRegistry } from '@neo/instrumentation';
import { PrometheusQueryClient, type QueryAuth } from '@neo/query-client';
import { EVENT_BUS, REDIS_CLIENT, type EventBus } from '@neo/transport';
import type { AlerterConfig } from '../config/alerter.config';
import { Notifier } from '../notify/notifier';
import { notificationRoute } from '../notify/notification-route';
import { AlerterMetrics } from './alerter-metrics';
import { alertStateEvent } from './alert-state-event';
import { ALERT_STATE_STORE, InMemoryAlertStateStore, type AlertStateStore } from './alert-state-store';
import { EvaluationService } from './evaluation.service';
import { QUERY_CLIENT, RULE_GROUPS } from './evaluation.tokens';
import { RedisAlertStateStore } from './redis-alert-state-store';
import { RuleBook } from './rule-book';
import { RuleEvaluator } from './rule-evaluator';
import { rulesHealth } from './rules-health';

function queryAuth(config: AlerterConfig): QueryAuth | undefined {
  if (config.queryBearerToken) return { type: 'bearer', token: config.queryBearerToken };
  if (config.queryUsername)
    return { type: 'basic', username: config.queryUsername, password: config.queryPassword };
  return undefined;
}

/** Rule evaluation: query client, alert state, the evaluation loop and what follows a transition. */
@Module({})
export class EvaluationModule {
  static forRoot(config: AlerterConfig): DynamicModule {
    const externalURL = config.publicUrl || `http://127.0.0.1:${config.port}`;
    return {
      module: EvaluationModule,
      global: true,
      providers: [
        { provide: RULE_GROUPS, useValue: config.ruleGroups },
        {
          provide: QUERY_CLIENT,
          useFactory: () =>
            new PrometheusQueryClient({
              url: config.queryUrl,
              timeoutMs: config.queryTimeoutMs,
              auth: queryAuth(config),
              headers: config.file.query_headers,
            }),
        },
        {
          provide: ALERT_STATE_STORE,
          inject: [REDIS_CLIENT],
          useFactory: (redis: Redis | null): AlertStateStore =>
            redis ? new RedisAlertStateStore(redis, config.keyPrefix) : new InMemoryAlertStateStore(),
        },
        RuleBook,
        {
          provide: AlerterMetrics,
          inject: [MetricsRegistry, RuleBook],
          useFactory: (registry: MetricsRegistry, book: RuleBook) => new AlerterMetrics(registry, book),
        },
        {
          provide: Notifier,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) =>
            new Notifier(
              {
                route: notificationRoute(config),
                externalURL,
                retry: {
                  timeoutMs: config.notifyTimeoutMs,
                  maxAttempts: config.notifyMaxAttempts,
                  backoffMs: config.notifyBackoffMs,
                },
              },
              registry,
              new Logger('Notifier'),
            ),
        },
        {
          provide: RuleEvaluator,
          inject: [
            QUERY_CLIENT,
            ALERT_STATE_STORE,
            RuleBook,
            AlerterMetrics,
            EVENT_BUS,
            Notifier,
            HealthRegistry,
          ],
          useFactory: (
            query: PrometheusQueryClient,
            store: AlertStateStore,
            book: RuleBook,
            metrics: AlerterMetrics,
            bus: EventBus,
            notifier: Notifier,
            health: HealthRegistry,
          ) => {
            health.register(rulesHealth(book, config.ruleGroups));
            return new RuleEvaluator({
              query,
              store,
              book,
              metrics,
              logger: new Logger('RuleEvaluator'),
              onTransitions: async ({ group, rule, transitions }) => {
                notifier.notify(transitions, query.queryUrl(rule.expr));
                await Promise.all(
                  transitions.map((t) =>
                    bus.publish('neo.alert.state.v1', alertStateEvent(group.name, rule.name, t)),
                  ),
                );
              },
            });
          },
        },
        EvaluationService,
      ],
      exports: [RULE_GROUPS, RuleBook, QUERY_CLIENT],
    };
  }
}
