import type { CheckResultV1 } from '@neo/contracts';
import { isValidLabelName, type Labels } from '@neo/domain-metric';

/** A sample addressed by labels, as the store appends it. */
export interface TimedSample {
  readonly labels: Labels;
  readonly timestampMs: number;
  readonly value: number;
}

/**
 * A synthetic check result as blackbox_exporter would expose it: `probe_success`, `probe_duration_seconds`
 * and, for HTTP answers, `probe_http_status_code`. The identifying labels win over the check's own labels.
 */
export function probeSamples(result: CheckResultV1, timestampMs: number): TimedSample[] {
  const base: Labels = {
    ...validLabels(result.labels),
    job: 'synthetic',
    check: result.name,
    instance: result.target,
  };
  const sample = (name: string, value: number): TimedSample => ({
    labels: { ...base, __name__: name },
    timestampMs,
    value,
  });
  const samples = [
    sample('probe_success', result.success ? 1 : 0),
    sample('probe_duration_seconds', result.durationSeconds),
  ];
  if (result.statusCode !== undefined) samples.push(sample('probe_http_status_code', result.statusCode));
  return samples;
}

// A label name that Prometheus would reject is dropped, not stored: it could never be selected anyway.
function validLabels(labels: Labels): Labels {
  return Object.fromEntries(
    Object.entries(labels).filter(([name]) => isValidLabelName(name) && !name.startsWith('__')),
  );
}
