import type { AlertStateV1, CheckResultV1, ServiceHeartbeatV1, TargetHealthV1 } from '@neo/contracts';
import { BoundedMap } from './bounded-map';
import type {
  AlertView,
  CheckView,
  LiveSnapshot,
  LiveSummary,
  ServiceView,
  TargetView,
} from './live-view.types';

export interface LiveViewOptions {
  /** A service not heard from for longer than this is shown down. */
  readonly staleAfterMs: number;
  /** Most entries kept per kind (services, targets, checks, alerts). */
  readonly maxEntries: number;
}

interface HeardService {
  readonly heartbeat: ServiceHeartbeatV1;
  readonly receivedAt: Date;
}

/**
 * What the system looks like right now, built only from bus events: no queries, no storage. Each kind is keyed
 * by its natural identity so a newer event replaces the older one; resolved alerts leave the view.
 */
export class LiveView {
  private readonly services: BoundedMap<string, HeardService>;
  private readonly targets: BoundedMap<string, TargetView>;
  private readonly checks: BoundedMap<string, CheckView>;
  private readonly alerts: BoundedMap<string, AlertView>;

  constructor(private readonly options: LiveViewOptions) {
    this.services = new BoundedMap(options.maxEntries);
    this.targets = new BoundedMap(options.maxEntries);
    this.checks = new BoundedMap(options.maxEntries);
    this.alerts = new BoundedMap(options.maxEntries);
  }

  recordHeartbeat(heartbeat: ServiceHeartbeatV1, receivedAt: Date): void {
    this.services.set(key(heartbeat.service, heartbeat.instance), { heartbeat, receivedAt });
  }

  recordTargetHealth(target: TargetHealthV1): void {
    this.targets.set(key(target.job, target.instance), {
      job: target.job,
      instance: target.instance,
      url: target.url,
      health: target.health,
      lastError: target.lastError ?? null,
      lastScrape: target.lastScrape,
    });
  }

  recordCheckResult(result: CheckResultV1): void {
    this.checks.set(result.checkId, {
      checkId: result.checkId,
      name: result.name,
      target: result.target,
      success: result.success,
      statusCode: result.statusCode ?? null,
      durationSeconds: result.durationSeconds,
      error: result.error ?? null,
      startedAt: result.startedAt,
    });
  }

  recordAlertState(alert: AlertStateV1): void {
    const id = key(alert.group, alert.rule, alert.fingerprint);
    if (alert.state === 'resolved' || alert.state === 'inactive') {
      this.alerts.delete(id);
      return;
    }
    this.alerts.set(id, {
      fingerprint: alert.fingerprint,
      rule: alert.rule,
      group: alert.group,
      state: alert.state,
      labels: alert.labels,
      annotations: alert.annotations,
      activeAt: alert.activeAt,
      firedAt: alert.firedAt ?? null,
      value: alert.value,
    });
  }

  /** The view at `now`, every list in a stable order so clients and tests can diff it. */
  snapshot(now: Date): LiveSnapshot {
    const services = this.services
      .values()
      .map((heard) => this.serviceView(heard, now))
      .sort((a, b) => compare(a.service, b.service) || compare(a.instance, b.instance));
    const targets = this.targets
      .values()
      .sort((a, b) => compare(a.job, b.job) || compare(a.instance, b.instance));
    const checks = this.checks
      .values()
      .sort((a, b) => compare(a.name, b.name) || compare(a.checkId, b.checkId));
    const alerts = this.alerts
      .values()
      .sort(
        (a, b) =>
          stateRank(a.state) - stateRank(b.state) ||
          compare(a.group, b.group) ||
          compare(a.rule, b.rule) ||
          compare(a.fingerprint, b.fingerprint),
      );
    return { services, targets, checks, alerts, summary: summarize(services, targets, checks, alerts) };
  }

  private serviceView({ heartbeat, receivedAt }: HeardService, now: Date): ServiceView {
    const view: ServiceView = {
      service: heartbeat.service,
      instance: heartbeat.instance,
      url: heartbeat.url,
      status: heartbeat.status,
      lastHeartbeat: receivedAt.toISOString(),
      components: heartbeat.components,
    };
    if (now.getTime() - receivedAt.getTime() > this.options.staleAfterMs) {
      return { ...view, status: 'down', reason: `no heartbeat since ${receivedAt.toISOString()}` };
    }
    return view;
  }
}

function summarize(
  services: readonly ServiceView[],
  targets: readonly TargetView[],
  checks: readonly CheckView[],
  alerts: readonly AlertView[],
): LiveSummary {
  const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;
  return {
    servicesUp: count(services, (s) => s.status === 'up'),
    servicesDegraded: count(services, (s) => s.status === 'degraded'),
    servicesDown: count(services, (s) => s.status === 'down'),
    targetsUp: count(targets, (t) => t.health === 'up'),
    targetsDown: count(targets, (t) => t.health === 'down'),
    checksFailing: count(checks, (c) => !c.success),
    alertsFiring: count(alerts, (a) => a.state === 'firing'),
    alertsPending: count(alerts, (a) => a.state === 'pending'),
  };
}

// A separator no service, job, rule or instance name contains, so ("a b", "c") and ("a", "b c") differ.
function key(...parts: string[]): string {
  return parts.join('\u0000');
}

// Plain code-unit order rather than localeCompare: identical on every host regardless of ICU/locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stateRank(state: AlertView['state']): number {
  return state === 'firing' ? 0 : 1;
}
