import { ComponentHealth, HealthStatus } from './component-health';

/**
 * Any critical component down -> down; any non-critical down or any degraded -> degraded; else up.
 * No components means nothing can be wrong, so up.
 */
export function rollUpHealth(components: readonly ComponentHealth[]): HealthStatus {
  if (components.some((c) => c.status === 'down' && c.critical)) {
    return 'down';
  }
  if (components.some((c) => c.status !== 'up')) {
    return 'degraded';
  }
  return 'up';
}
