import type { HealthSettings } from '../../observability-options';
import type { HealthRegistry } from '../health-registry';
import { diskIndicator } from './disk.indicator';
import { eventLoopIndicator } from './event-loop.indicator';
import { httpIndicator } from './http.indicator';
import { heapIndicator, rssIndicator } from './memory.indicator';

/** Process indicators shown in `/health` (never in liveness), plus configured disks and HTTP dependencies. */
export function registerBuiltInIndicators(health: HealthRegistry, settings: HealthSettings = {}): void {
  health.register(heapIndicator({ limitBytes: settings.heapLimitBytes }));
  health.register(rssIndicator({ limitBytes: settings.rssLimitBytes }));
  health.register(eventLoopIndicator({ maxLagMs: settings.maxEventLoopLagMs }));
  for (const path of settings.diskPaths ?? []) health.register(diskIndicator(path));
  for (const dependency of settings.http ?? []) health.register(httpIndicator(dependency));
}
