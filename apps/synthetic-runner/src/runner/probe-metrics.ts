import type { CheckResultV1 } from '@neo/contracts';
import type { MetricsRegistry } from '@neo/instrumentation';

/** blackbox_exporter's probe_* names, per check, so existing dashboards and alert rules carry over. */
export class ProbeMetrics {
  private readonly success;
  private readonly duration;
  private readonly statusCode;
  private readonly runs;

  constructor(metrics: MetricsRegistry) {
    this.success = metrics.gauge(
      'probe_success',
      'Whether the last run of the check succeeded (1) or not (0).',
      ['check'],
    );
    this.duration = metrics.gauge('probe_duration_seconds', 'How long the last run of the check took.', [
      'check',
    ]);
    this.statusCode = metrics.gauge(
      'probe_http_status_code',
      'HTTP status of the last run of the check; 0 when no response arrived.',
      ['check'],
    );
    this.runs = metrics.counter('neo_synthetic_runs_total', 'Check runs by outcome.', ['check', 'result']);
  }

  record(result: CheckResultV1): void {
    const labels = { check: result.name };
    this.success.set(labels, result.success ? 1 : 0);
    this.duration.set(labels, result.durationSeconds);
    this.statusCode.set(labels, result.statusCode ?? 0);
    this.runs.inc({ check: result.name, result: result.success ? 'success' : 'failure' });
  }
}
