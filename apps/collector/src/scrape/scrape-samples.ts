import type { Labels } from '@neo/domain-metric';
import type { ScrapeOutcome } from './scrape-outcome';
import type { ScrapeTarget } from './scrape-target';

export interface TimedSample {
  readonly labels: Labels;
  readonly timestampMs: number;
  readonly value: number;
}

/**
 * The samples one scrape stores: the target's own series carrying the target labels, plus Prometheus'
 * synthetic `up`, `scrape_duration_seconds` and `scrape_samples_scraped`, which exist even when it failed.
 */
export function scrapeSamples(
  target: ScrapeTarget,
  outcome: ScrapeOutcome,
  scrapeTimeMs: number,
): TimedSample[] {
  const scraped = outcome.ok
    ? outcome.samples.map((sample) => ({
        labels: withTargetLabels(sample.labels, target.labels),
        timestampMs: sample.timestampMs ?? scrapeTimeMs,
        value: sample.value,
      }))
    : [];
  const synthetic = (name: string, value: number): TimedSample => ({
    labels: { ...target.labels, __name__: name },
    timestampMs: scrapeTimeMs,
    value,
  });
  return [
    ...scraped,
    synthetic('up', outcome.ok ? 1 : 0),
    synthetic('scrape_duration_seconds', outcome.durationMs / 1000),
    synthetic('scrape_samples_scraped', scraped.length),
  ];
}

/**
 * Target labels win; an exposed label that clashes is kept as `exported_<name>` (honor_labels: false), so
 * a service reporting its own `job` cannot pretend to be another target.
 */
export function withTargetLabels(exposed: Labels, target: Labels): Labels {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(exposed)) {
    if (Object.prototype.hasOwnProperty.call(target, name) && value !== '') {
      merged[`exported_${name}`] = value;
    } else {
      merged[name] = value;
    }
  }
  for (const [name, value] of Object.entries(target)) {
    merged[name] = value;
  }
  return merged;
}
