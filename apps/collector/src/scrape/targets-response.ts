import { formatDuration } from '@neo/domain-metric';
import type { TargetState } from './target-health';

/** Go's zero time, which Prometheus prints for a target that was never scraped. */
const NEVER = '0001-01-01T00:00:00Z';

export interface ActiveTarget {
  readonly discoveredLabels: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly scrapePool: string;
  readonly scrapeUrl: string;
  readonly globalUrl: string;
  readonly lastError: string;
  readonly lastScrape: string;
  readonly lastScrapeDuration: number;
  readonly health: TargetState['health'];
  readonly scrapeInterval: string;
  readonly scrapeTimeout: string;
}

/** `/api/v1/targets` in Prometheus' shape, so tools written for Prometheus read it unchanged. */
export function targetsResponse(states: readonly TargetState[]) {
  const activeTargets: ActiveTarget[] = states.map(
    ({ target, health, lastError, lastScrapeMs, lastScrapeDurationSeconds }) => {
      const url = new URL(target.scrapeUrl);
      return {
        discoveredLabels: target.discoveredLabels
          ? { ...target.discoveredLabels }
          : {
              __address__: target.instance,
              __metrics_path__: url.pathname,
              __scheme__: url.protocol.replace(':', ''),
              job: target.job,
            },
        labels: { ...target.labels },
        scrapePool: target.job,
        scrapeUrl: target.scrapeUrl,
        globalUrl: target.scrapeUrl,
        lastError,
        lastScrape: lastScrapeMs === undefined ? NEVER : new Date(lastScrapeMs).toISOString(),
        lastScrapeDuration: lastScrapeDurationSeconds,
        health,
        scrapeInterval: formatDuration(target.intervalMs),
        scrapeTimeout: formatDuration(target.timeoutMs),
      };
    },
  );
  return { status: 'success' as const, data: { activeTargets, droppedTargets: [] as never[] } };
}
