import { getHeapStatistics } from 'node:v8';
import type { HealthContributor } from '../health-contributor';

const MB = 1024 * 1024;

/** Heap in use against a limit (default: 90% of V8's heap limit), so a leak shows before the crash. */
export function heapIndicator(options: { limitBytes?: number } = {}): HealthContributor {
  const limit = options.limitBytes ?? Math.floor(getHeapStatistics().heap_size_limit * 0.9);
  return {
    name: 'heap',
    readiness: false,
    check: async () => {
      const used = process.memoryUsage().heapUsed;
      return {
        status: used <= limit ? 'up' : 'down',
        usedMb: Math.round(used / MB),
        limitMb: Math.round(limit / MB),
      };
    },
  };
}

/** Resident set size against a limit (default 2 GiB): native memory and buffers count too. */
export function rssIndicator(options: { limitBytes?: number } = {}): HealthContributor {
  const limit = options.limitBytes ?? 2048 * MB;
  return {
    name: 'rss',
    readiness: false,
    check: async () => {
      const rss = process.memoryUsage.rss();
      return {
        status: rss <= limit ? 'up' : 'down',
        usedMb: Math.round(rss / MB),
        limitMb: Math.round(limit / MB),
      };
    },
  };
}
