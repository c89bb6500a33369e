import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { HealthContributor } from '../health-contributor';

let histogram: IntervalHistogram | undefined;

/** One sampler per process: the event loop is shared by every service in it. */
function sampler(): IntervalHistogram {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
  }
  return histogram;
}

/** The event loop's p99 delay since the previous check stays under `maxLagMs` (default 500 ms). */
export function eventLoopIndicator(options: { maxLagMs?: number } = {}): HealthContributor {
  const maxLagMs = options.maxLagMs ?? 500;
  const delays = sampler();
  return {
    name: 'event_loop',
    readiness: false,
    check: async () => {
      const p99Ms = delays.count > 0 ? delays.percentile(99) / 1e6 : 0;
      delays.reset();
      return { status: p99Ms <= maxLagMs ? 'up' : 'down', p99LagMs: Math.round(p99Ms * 10) / 10, maxLagMs };
    },
  };
}
