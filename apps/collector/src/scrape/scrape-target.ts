import type { Labels } from '@neo/domain-metric';
import type { RelabelRule } from './relabel';
import type { ScrapeAuth } from './scrape-auth';

/** One endpoint to scrape, with everything resolved from its job, its discovery and relabelling. */
export interface ScrapeTarget {
  /** `job`, `instance` and the group's labels after relabelling: attached to every sample of the target. */
  readonly labels: Labels;
  readonly job: string;
  readonly instance: string;
  readonly scrapeUrl: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Labels before relabelling (`__address__`, `__meta_*`...), shown in /api/v1/targets. */
  readonly discoveredLabels?: Labels;
  /** Exposed labels win over target labels instead of being renamed `exported_<name>`. */
  readonly honorLabels?: boolean;
  /** Use timestamps the target exposes (default true, as Prometheus). */
  readonly honorTimestamps?: boolean;
  readonly metricRelabel?: readonly RelabelRule[];
  readonly auth?: ScrapeAuth;
}

/** Identity of a target across discovery refreshes: same job, URL and labels is the same target. */
export function targetKey(target: ScrapeTarget): string {
  const labels = Object.keys(target.labels)
    .sort()
    .map((name) => `${name}=${target.labels[name]}`)
    .join('\u0000');
  return `${target.job}\u0001${target.scrapeUrl}\u0001${labels}`;
}
