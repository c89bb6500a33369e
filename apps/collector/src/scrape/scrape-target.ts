import type { Labels } from '@neo/domain-metric';
import { parseDuration } from '@neo/domain-metric';
import type { CollectorFile } from '../config/collector-file.schema';

/** One endpoint to scrape, with everything resolved from its job and the global defaults. */
export interface ScrapeTarget {
  /** `job` + `instance` + static labels: attached to every sample scraped from the target. */
  readonly labels: Labels;
  readonly job: string;
  readonly instance: string;
  readonly scrapeUrl: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Expands the file's scrape_configs into targets, applying Prometheus' defaults and precedence. */
export function resolveTargets(file: CollectorFile): ScrapeTarget[] {
  const globalInterval = parseDuration(file.global.scrape_interval);
  const globalTimeout = parseDuration(file.global.scrape_timeout);
  return file.scrape_configs.flatMap((job) => {
    const intervalMs = job.scrape_interval ? parseDuration(job.scrape_interval) : globalInterval;
    // An inherited timeout longer than the job's own interval is shortened to it, as Prometheus does.
    const timeoutMs = job.scrape_timeout
      ? parseDuration(job.scrape_timeout)
      : Math.min(globalTimeout, intervalMs);
    return job.static_configs.flatMap((group) =>
      group.targets.map((instance) => ({
        // Static labels may not override job/instance: those identify the target everywhere.
        labels: { ...group.labels, job: job.job_name, instance },
        job: job.job_name,
        instance,
        scrapeUrl: `${job.scheme}://${instance}${job.metrics_path}`,
        intervalMs,
        timeoutMs,
      })),
    );
  });
}
