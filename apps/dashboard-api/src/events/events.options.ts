import type { SseStreamOptions } from './sse-stream';

export const EVENTS_OPTIONS = Symbol.for('neo.dashboard.events-options');

export interface EventsOptions extends SseStreamOptions {
  readonly maxClients: number;
}
