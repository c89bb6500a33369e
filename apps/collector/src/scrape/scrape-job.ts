import { parseDuration, type Labels } from '@neo/domain-metric';
import type { CollectorFile } from '../config/collector-file.schema';
import { toRelabelRule } from '../config/relabel.schema';
import type { RelabelRule } from './relabel';
import { scrapeAuth, type ScrapeAuth } from './scrape-auth';

/** A group of addresses sharing labels, from static_configs or a file_sd file. */
export interface TargetGroup {
  readonly targets: readonly string[];
  readonly labels: Labels;
}

/** A scrape_configs entry with defaults applied and rules compiled. */
export interface ScrapeJob {
  readonly name: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly scheme: string;
  readonly metricsPath: string;
  readonly honorLabels: boolean;
  readonly honorTimestamps: boolean;
  readonly auth?: ScrapeAuth;
  readonly relabel: readonly RelabelRule[];
  readonly metricRelabel: readonly RelabelRule[];
  readonly staticGroups: readonly TargetGroup[];
  readonly fileSd: ReadonlyArray<{ readonly files: readonly string[]; readonly refreshMs: number }>;
}

/** Expands the file's scrape_configs, applying Prometheus' defaults and precedence. */
export function resolveJobs(file: CollectorFile): ScrapeJob[] {
  const globalInterval = parseDuration(file.global.scrape_interval);
  const globalTimeout = parseDuration(file.global.scrape_timeout);
  return file.scrape_configs.map((job) => {
    const intervalMs = job.scrape_interval ? parseDuration(job.scrape_interval) : globalInterval;
    return {
      name: job.job_name,
      intervalMs,
      // An inherited timeout longer than the job's own interval is shortened to it, as Prometheus does.
      timeoutMs: job.scrape_timeout ? parseDuration(job.scrape_timeout) : Math.min(globalTimeout, intervalMs),
      scheme: job.scheme,
      metricsPath: job.metrics_path,
      honorLabels: job.honor_labels,
      honorTimestamps: job.honor_timestamps,
      auth: scrapeAuth(job.basic_auth, job.authorization),
      relabel: job.relabel_configs.map(toRelabelRule),
      metricRelabel: job.metric_relabel_configs.map(toRelabelRule),
      staticGroups: job.static_configs.map((group) => ({ targets: group.targets, labels: group.labels })),
      fileSd: job.file_sd_configs.map((sd) => ({
        files: sd.files,
        refreshMs: parseDuration(sd.refresh_interval),
      })),
    };
  });
}
