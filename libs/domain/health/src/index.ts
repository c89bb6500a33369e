export type { ComponentHealth, HealthStatus } from './lib/component-health';
export { rollUpHealth } from './lib/roll-up-health';
export type { TerminusBody, TerminusIndicator } from './lib/terminus';
export { componentsFromTerminus, serviceStatusFromTerminus } from './lib/terminus';
