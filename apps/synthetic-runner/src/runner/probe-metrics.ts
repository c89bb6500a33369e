import type { CheckResultV1, CheckStateV1 } from '@neo/contracts';
import type { MetricsRegistry } from '@neo/instrumentation';
import type { SkipReason } from './check-runner';

const STATES: readonly CheckStateV1[] = ['up', 'degraded', 'down', 'maintenance'];
const PHASES = ['resolve', 'connect', 'tls', 'processing', 'transfer'] as const;

/**
 * blackbox_exporter's probe_* names (label `check` instead of a scrape's target), so existing dashboards and
 * alert rules carry over, plus NEO's own state, journey-step, lateness and scheduling metrics. Unguarded: the
 * `check` values are bounded by the operator's configuration, and folding them would merge distinct checks.
 */
export class ProbeMetrics {
  private readonly success;
  private readonly duration;
  private readonly statusCode;
  private readonly phase;
  private readonly certExpiry;
  private readonly dnsLookup;
  private readonly redirects;
  private readonly runs;
  private readonly state;
  private readonly stepSuccess;
  private readonly stepDuration;
  private readonly lateness;
  private readonly skipped;

  constructor(metrics: MetricsRegistry) {
    this.success = metrics.unguarded.gauge(
      'probe_success',
      'Whether the last run of the check succeeded (1) or not (0).',
      ['check'],
    );
    this.duration = metrics.unguarded.gauge(
      'probe_duration_seconds',
      'How long the last run of the check took.',
      ['check'],
    );
    this.statusCode = metrics.unguarded.gauge(
      'probe_http_status_code',
      'HTTP status of the last run of the check; 0 when no response arrived.',
      ['check'],
    );
    this.phase = metrics.unguarded.gauge(
      'probe_http_duration_seconds',
      'Duration of each HTTP phase of the last run, summed over redirects.',
      ['check', 'phase'],
    );
    this.certExpiry = metrics.unguarded.gauge(
      'probe_ssl_earliest_cert_expiry',
      'Earliest certificate expiry in the chain, in Unix seconds.',
      ['check'],
    );
    this.dnsLookup = metrics.unguarded.gauge(
      'probe_dns_lookup_time_seconds',
      'DNS lookup time of the last run.',
      ['check'],
    );
    this.redirects = metrics.unguarded.gauge('probe_http_redirects', 'Redirects followed in the last run.', [
      'check',
    ]);
    this.runs = metrics.unguarded.counter('neo_synthetic_runs_total', 'Check runs by outcome.', [
      'check',
      'result',
    ]);
    this.state = metrics.unguarded.gauge(
      'neo_synthetic_check_state',
      'Current state of the check (1 for the current one).',
      ['check', 'state'],
    );
    this.stepSuccess = metrics.unguarded.gauge(
      'neo_synthetic_journey_step_success',
      'Whether a journey step passed.',
      ['check', 'step'],
    );
    this.stepDuration = metrics.unguarded.gauge(
      'neo_synthetic_journey_step_duration_seconds',
      'Duration of a journey step.',
      ['check', 'step'],
    );
    this.lateness = metrics.unguarded.histogram(
      'neo_synthetic_lateness_seconds',
      'Actual start minus scheduled start of slot runs.',
      [],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    );
    this.skipped = metrics.unguarded.counter(
      'neo_synthetic_skipped_runs_total',
      'Slots this replica did not run, by reason.',
      ['check', 'reason'],
    );
  }

  record(result: CheckResultV1): void {
    const check = result.name;
    this.success.set({ check }, result.success ? 1 : 0);
    this.duration.set({ check }, result.durationSeconds);
    this.runs.inc({ check, result: result.success ? 'success' : 'failure' });
    if (result.kind === 'http' || result.kind === 'journey')
      this.statusCode.set({ check }, result.statusCode ?? 0);
    if (result.phases) {
      for (const phase of PHASES) this.phase.set({ check, phase }, result.phases[phase]);
    }
    if (result.certificateExpiry !== undefined) {
      this.certExpiry.set({ check }, Date.parse(result.certificateExpiry) / 1000);
    }
    if (result.dnsLookupSeconds !== undefined) this.dnsLookup.set({ check }, result.dnsLookupSeconds);
    if (result.redirects !== undefined) this.redirects.set({ check }, result.redirects);
    if (result.state !== undefined) {
      for (const state of STATES) this.state.set({ check, state }, state === result.state ? 1 : 0);
    }
    for (const step of result.steps ?? []) {
      this.stepSuccess.set({ check, step: step.name }, step.success ? 1 : 0);
      this.stepDuration.set({ check, step: step.name }, step.durationSeconds);
    }
  }

  recordLateness(latenessMs: number): void {
    this.lateness.observe(latenessMs / 1000);
  }

  recordSkip(check: string, reason: SkipReason): void {
    this.skipped.inc({ check, reason });
  }
}
