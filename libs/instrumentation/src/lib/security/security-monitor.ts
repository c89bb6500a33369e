import type { Counter } from 'prom-client';
import type { ObservabilityLogger } from '../logging/observability-logger';
import type { MetricsRegistry } from '../metrics/metrics-registry';
import { decodeForInspection, detectAttacks, type AttackKind } from './attack-patterns';
import type { SecurityEvent, SecurityEventSink } from './security-event-sink';

export type SecurityEventKind = SecurityEvent['kind'];
type Location = 'path' | 'query' | 'body';

const STATUS_KINDS: Readonly<Record<number, SecurityEventKind>> = {
  401: 'auth_failure',
  403: 'forbidden',
  429: 'rate_limited',
};

/** Bodies larger than this are inspected only up to it: a scan must stay cheap next to the request. */
const MAX_BODY_INSPECTED = 16 * 1024;

export interface InspectedRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
}

/**
 * Turns suspicious requests into a security log line, a metric and (when a sink is attached) an event for
 * the alerter. Publishing is fire-and-forget: a slow or absent bus never delays the response.
 */
export class SecurityMonitor {
  private readonly events: Counter<'kind' | 'route'>;
  private readonly byClient: Counter<'kind' | 'client'>;
  private sink: SecurityEventSink | undefined;

  constructor(
    private readonly serviceName: string,
    metrics: MetricsRegistry,
    private readonly logger: ObservabilityLogger,
  ) {
    // By route: bounded by templates. By client: user-controlled, so it goes through the cardinality guard.
    this.events = metrics.unguarded.counter(
      'security_events_total',
      'Requests flagged by the security middleware, by kind and route template.',
      ['kind', 'route'],
    );
    this.byClient = metrics.counter(
      'security_client_events_total',
      'Requests flagged by the security middleware, by kind and client address.',
      ['kind', 'client'],
    );
  }

  attach(sink: SecurityEventSink | undefined): void {
    this.sink = sink;
  }

  /** Attack patterns in the path, query or body; call before the handler runs. */
  inspectRequest(req: InspectedRequest): Array<{ kind: AttackKind; location: Location }> {
    const findings: Array<{ kind: AttackKind; location: Location }> = [];
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    for (const kind of detectAttacks(decodeForInspection(path))) findings.push({ kind, location: 'path' });
    if (queryAt !== -1) {
      for (const kind of detectAttacks(decodeForInspection(req.url.slice(queryAt + 1)))) {
        findings.push({ kind, location: 'query' });
      }
    }
    const body = bodyText(req.body);
    if (body) for (const kind of detectAttacks(body)) findings.push({ kind, location: 'body' });
    return findings;
  }

  /** The security kind of a response status (401, 403, 429), if any. */
  kindOfStatus(status: number): SecurityEventKind | undefined {
    return STATUS_KINDS[status];
  }

  record(event: Omit<SecurityEvent, 'service' | 'at'>): void {
    this.events.inc({ kind: event.kind, route: event.route });
    this.byClient.inc({ kind: event.kind, client: event.client });
    this.logger.security.event(`security event: ${event.kind} on ${event.method} ${event.route}`, {
      kind: event.kind,
      route: event.route,
      client: event.client,
      method: event.method,
      ...(event.statusCode !== undefined ? { status: event.statusCode } : {}),
      ...(event.location ? { location: event.location } : {}),
    });
    const sink = this.sink;
    if (!sink) return;
    const payload: SecurityEvent = { ...event, service: this.serviceName, at: new Date().toISOString() };
    sink.publish('neo.security.event.v1', payload).catch((error: unknown) => {
      this.logger.application.warn('security event not published', { reason: (error as Error).message });
    });
  }
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body.slice(0, MAX_BODY_INSPECTED);
  if (typeof body !== 'object' || Object.keys(body).length === 0) return undefined;
  try {
    return JSON.stringify(body).slice(0, MAX_BODY_INSPECTED);
  } catch {
    return undefined;
  }
}
