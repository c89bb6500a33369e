import { evaluateAlertRule, type AlertTransition, type QueryResultSeries } from '@neo/domain-alert';
import type { InstantQueryResult } from '@neo/query-client';
import type { LoadedRule, LoadedRuleGroup } from '../rules/loaded-rules';
import { keepsSample } from '../rules/rule-query';
import type { AlerterMetrics } from './alerter-metrics';
import type { AlertStateStore } from './alert-state-store';
import type { RuleBook } from './rule-book';

/** The part of the query client the evaluator needs. */
export interface InstantQuerier {
  instantQuery(expr: string, time?: Date): Promise<InstantQueryResult>;
}

/** Transitions of one rule in one evaluation, handed to event publishing and notification. */
export interface RuleTransitions {
  readonly group: LoadedRuleGroup;
  readonly rule: LoadedRule;
  readonly transitions: readonly AlertTransition[];
}

export interface EvaluatorLogger {
  warn(message: Record<string, unknown>): void;
}

export interface RuleEvaluatorDeps {
  readonly query: InstantQuerier;
  readonly store: AlertStateStore;
  readonly book: RuleBook;
  readonly metrics: AlerterMetrics;
  readonly logger: EvaluatorLogger;
  /** Called after state is saved; a throw is logged, never undoes the evaluation. */
  readonly onTransitions: (changes: RuleTransitions) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Evaluates rule groups: query, compare, advance the alert state machine, persist, then report transitions.
 * A failure of any step leaves the stored state untouched, so an unreachable query API never resolves a
 * firing alert.
 */
export class RuleEvaluator {
  private readonly now: () => number;

  constructor(private readonly deps: RuleEvaluatorDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Loads every rule's stored alerts into the book, so the API is right before the first evaluation. */
  async restore(groups: readonly LoadedRuleGroup[]): Promise<void> {
    for (const group of groups) {
      for (const rule of group.rules) {
        this.deps.book.setAlerts(group.name, rule.name, await this.deps.store.load(group.name, rule.name));
      }
    }
    this.deps.metrics.countAlerts(this.deps.book.allAlerts());
  }

  async evaluateGroup(group: LoadedRuleGroup): Promise<void> {
    const started = performance.now();
    const startedMs = this.now();
    for (const rule of group.rules) {
      await this.evaluateRule(group, rule);
    }
    this.deps.book.setGroupStatus(group.name, {
      lastEvaluationMs: startedMs,
      evaluationSeconds: (performance.now() - started) / 1000,
    });
    this.deps.metrics.countAlerts(this.deps.book.allAlerts());
  }

  private async evaluateRule(group: LoadedRuleGroup, rule: LoadedRule): Promise<void> {
    const started = performance.now();
    const nowMs = this.now();
    const { book, metrics, store } = this.deps;
    metrics.evaluations.inc({ rule_group: group.name });
    let changes: RuleTransitions;
    try {
      const results = await this.queryRule(rule, nowMs);
      const previous = await store.load(group.name, rule.name);
      const evaluation = evaluateAlertRule(rule, previous, results, nowMs);
      await store.save(group.name, rule.name, evaluation.active);
      book.setAlerts(group.name, rule.name, evaluation.active);
      changes = { group, rule, transitions: evaluation.transitions };
    } catch (error) {
      metrics.evaluationFailures.inc({ rule_group: group.name });
      const reason = (error as Error).message;
      this.deps.logger.warn({
        msg: 'rule evaluation failed; alert state kept',
        group: group.name,
        rule: rule.name,
        reason,
      });
      book.setRuleStatus(group.name, rule.name, {
        health: 'err',
        lastError: reason,
        lastEvaluationMs: nowMs,
        evaluationSeconds: (performance.now() - started) / 1000,
      });
      return;
    }
    book.setRuleStatus(group.name, rule.name, {
      health: 'ok',
      lastError: '',
      lastEvaluationMs: nowMs,
      evaluationSeconds: (performance.now() - started) / 1000,
    });
    if (changes.transitions.length > 0) {
      await this.deps.onTransitions(changes).catch((error: unknown) =>
        this.deps.logger.warn({
          msg: 'handling alert transitions failed',
          group: group.name,
          rule: rule.name,
          reason: (error as Error).message,
        }),
      );
    }
  }

  private async queryRule(rule: LoadedRule, nowMs: number): Promise<QueryResultSeries[]> {
    const answer = await this.deps.query.instantQuery(rule.query.selector, new Date(nowMs));
    if (answer.resultType !== 'vector') {
      throw new Error(`expected a vector for '${rule.query.selector}', got ${answer.resultType}`);
    }
    return answer.result
      .filter((sample) => keepsSample(rule.query, sample.value))
      .map((sample) => ({ labels: sample.metric, value: sample.value }));
  }
}
