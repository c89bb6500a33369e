import { formatDuration, parseDuration, type Labels } from '@neo/domain-metric';
import { relabel } from './relabel';
import type { ScrapeJob } from './scrape-job';
import type { ScrapeTarget } from './scrape-target';

/**
 * A discovered address to a target, as Prometheus' populateLabels: the group labels plus `__address__`,
 * `__scheme__`, `__metrics_path__`, `__scrape_interval__`, `__scrape_timeout__` and `job` go through
 * relabel_configs; undefined when a rule drops it or it has no address left. Labels starting with `__`
 * are then removed and `instance` defaults to the address.
 */
export function buildTarget(job: ScrapeJob, address: string, groupLabels: Labels): ScrapeTarget | undefined {
  // As Prometheus, the job's settings are defaults: a group label of the same name wins.
  const discovered: Labels = {
    job: job.name,
    __scheme__: job.scheme,
    __metrics_path__: job.metricsPath,
    __scrape_interval__: formatDuration(job.intervalMs),
    __scrape_timeout__: formatDuration(job.timeoutMs),
    ...groupLabels,
    __address__: address,
  };
  const relabelled = relabel(discovered, job.relabel);
  if (!relabelled || !relabelled['__address__']) return undefined;
  const intervalMs = durationOr(relabelled['__scrape_interval__'], job.intervalMs);
  const timeoutMs = Math.min(durationOr(relabelled['__scrape_timeout__'], job.timeoutMs), intervalMs);
  const addressOut = relabelled['__address__'];
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(relabelled)) {
    if (!name.startsWith('__') && value !== '') labels[name] = value;
  }
  labels['instance'] ??= addressOut;
  return {
    labels,
    job: labels['job'] ?? job.name,
    instance: labels['instance'],
    scrapeUrl: `${relabelled['__scheme__'] || job.scheme}://${addressOut}${relabelled['__metrics_path__'] || job.metricsPath}`,
    intervalMs,
    timeoutMs,
    discoveredLabels: discovered,
    honorLabels: job.honorLabels,
    honorTimestamps: job.honorTimestamps,
    metricRelabel: job.metricRelabel,
    auth: job.auth,
  };
}

function durationOr(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  try {
    const ms = parseDuration(text);
    return ms > 0 ? ms : fallback;
  } catch {
    return fallback;
  }
}
