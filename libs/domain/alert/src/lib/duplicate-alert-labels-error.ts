import { formatSeries, type Labels } from '@neo/domain-metric';

/** Two result series became the same alert; Prometheus fails the whole evaluation for this. */
export class DuplicateAlertLabelsError extends Error {
  override readonly name = 'DuplicateAlertLabelsError';

  constructor(readonly labels: Labels) {
    super(
      `vector contains metrics with the same labelset after applying alert labels: ${formatSeries(labels)}`,
    );
  }
}
