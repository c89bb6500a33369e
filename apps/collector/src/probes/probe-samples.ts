import { CheckStateV1, type CheckResultV1, type HttpPhasesV1 } from '@neo/contracts';
import { isValidLabelName, type Labels } from '@neo/domain-metric';

/** A sample addressed by labels, as the store appends it. */
export interface TimedSample {
  readonly labels: Labels;
  readonly timestampMs: number;
  readonly value: number;
}

/** blackbox_exporter's phase order, so the samples come out in a stable order. */
const PHASES: readonly (keyof HttpPhasesV1)[] = ['resolve', 'connect', 'tls', 'processing', 'transfer'];

/**
 * A synthetic check result as blackbox_exporter would expose it: `probe_success`, `probe_duration_seconds`
 * and, when the result carries them, `probe_http_status_code`, `probe_http_duration_seconds{phase}`,
 * `probe_ssl_earliest_cert_expiry`, `probe_dns_lookup_time_seconds`, `probe_http_redirects`; plus
 * `neo_synthetic_check_state{state}` (one-hot) and per journey step `neo_synthetic_journey_step_success{step}`
 * and `neo_synthetic_journey_step_duration_seconds{step}`. The identifying labels win over the check's own labels.
 */
export function probeSamples(result: CheckResultV1, timestampMs: number): TimedSample[] {
  const base: Labels = {
    ...validLabels(result.labels),
    job: 'synthetic',
    check: result.name,
    instance: result.target,
  };
  const sample = (name: string, value: number, extra: Labels = {}): TimedSample => ({
    labels: { ...base, ...extra, __name__: name },
    timestampMs,
    value,
  });
  const samples = [
    sample('probe_success', result.success ? 1 : 0),
    sample('probe_duration_seconds', result.durationSeconds),
  ];
  if (result.statusCode !== undefined) samples.push(sample('probe_http_status_code', result.statusCode));
  const { phases } = result;
  if (phases !== undefined) {
    for (const phase of PHASES) samples.push(sample('probe_http_duration_seconds', phases[phase], { phase }));
  }
  if (result.certificateExpiry !== undefined) {
    const expiryMs = Date.parse(result.certificateExpiry);
    // An unparseable time is dropped rather than stored as NaN.
    if (Number.isFinite(expiryMs)) samples.push(sample('probe_ssl_earliest_cert_expiry', expiryMs / 1000));
  }
  if (result.dnsLookupSeconds !== undefined) {
    samples.push(sample('probe_dns_lookup_time_seconds', result.dnsLookupSeconds));
  }
  if (result.redirects !== undefined) samples.push(sample('probe_http_redirects', result.redirects));
  if (result.state !== undefined) {
    for (const state of CheckStateV1.options) {
      samples.push(sample('neo_synthetic_check_state', state === result.state ? 1 : 0, { state }));
    }
  }
  samples.push(...stepSamples(result.steps ?? [], sample));
  return samples;
}

/**
 * A step that did not run (an earlier one failed) reports success 0 and no duration: its 0s would be a lie.
 * A repeated step name keeps its first occurrence, so one batch never holds the same series twice.
 */
function stepSamples(
  steps: NonNullable<CheckResultV1['steps']>,
  sample: (name: string, value: number, extra: Labels) => TimedSample,
): TimedSample[] {
  const seen = new Set<string>();
  const samples: TimedSample[] = [];
  for (const step of steps) {
    if (seen.has(step.name)) continue;
    seen.add(step.name);
    const labels = { step: step.name };
    samples.push(sample('neo_synthetic_journey_step_success', step.ran && step.success ? 1 : 0, labels));
    if (step.ran)
      samples.push(sample('neo_synthetic_journey_step_duration_seconds', step.durationSeconds, labels));
  }
  return samples;
}

// A label name that Prometheus would reject is dropped, not stored: it could never be selected anyway.
function validLabels(labels: Labels): Labels {
  return Object.fromEntries(
    Object.entries(labels).filter(([name]) => isValidLabelName(name) && !name.startsWith('__')),
  );
}
