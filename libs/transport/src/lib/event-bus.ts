import type { ChannelName, Envelope, PayloadInputOf } from '@neo/contracts';

export type BusMode = 'redis' | 'in-process';

export type EventHandler<C extends ChannelName> = (envelope: Envelope<C>) => void | Promise<void>;

export interface BusStats {
  published: number;
  received: number;
  /** Messages dropped because they failed validation or their handler threw. */
  dropped: number;
}

/**
 * Typed fan-out events (at-most-once). Subscriptions are registered before `start()`, which is when the
 * transport connects and subscribes, so no handler misses the first messages after start-up.
 */
export interface EventBus {
  readonly mode: BusMode;
  readonly stats: Readonly<BusStats>;
  publish<C extends ChannelName>(channel: C, payload: PayloadInputOf<C>): Promise<void>;
  subscribe<C extends ChannelName>(channel: C, handler: EventHandler<C>): void;
  start(): Promise<void>;
  /** Stops receiving, then releases connections. Safe to call twice. */
  close(): Promise<void>;
  /** Whether the bus can currently deliver (for readiness). */
  isConnected(): boolean;
}

export interface EventBusOptions {
  /** Service name stamped on every envelope as `source`. */
  readonly source: string;
  /** Prefix added to every wire channel name, so test runs and stacks can share one Redis. */
  readonly channelPrefix?: string;
}
