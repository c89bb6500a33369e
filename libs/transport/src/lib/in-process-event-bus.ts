import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { encodeEnvelope, type ChannelName, type PayloadInputOf } from '@neo/contracts';
import { Dispatcher } from './dispatcher';
import type { EventBus, EventBusOptions, EventHandler } from './event-bus';

/**
 * All-in-one mode loads each app's own bundle into one process, so module-level singletons are not shared;
 * a registry symbol on globalThis is, which lets the four apps meet on one in-process hub.
 */
const HUB_KEY = Symbol.for('neo.transport.in-process-hub');

function sharedHub(): EventEmitter {
  const holder = globalThis as unknown as Record<symbol, EventEmitter | undefined>;
  let hub = holder[HUB_KEY];
  if (!hub) {
    hub = new EventEmitter();
    hub.setMaxListeners(0);
    holder[HUB_KEY] = hub;
  }
  return hub;
}

/**
 * The same contract as the Redis bus, inside one process. Messages go through the same encode/validate path
 * (serialised to JSON and back) so behaviour matches Redis, delivered asynchronously like pub/sub.
 */
export class InProcessEventBus implements EventBus {
  readonly mode = 'in-process' as const;
  private readonly dispatcher: Dispatcher;
  private readonly hub = sharedHub();
  private readonly listeners: Array<[string, (raw: string) => void]> = [];
  private readonly prefix: string;
  private started = false;
  private closed = false;

  constructor(options: EventBusOptions) {
    this.dispatcher = new Dispatcher(options.source, new Logger('EventBus'));
    this.prefix = options.channelPrefix ?? '';
  }

  get stats() {
    return this.dispatcher.stats;
  }

  async publish<C extends ChannelName>(channel: C, payload: PayloadInputOf<C>): Promise<void> {
    await this.dispatcher.envelope(channel, payload, async (envelope) => {
      const wire = encodeEnvelope(envelope);
      setImmediate(() => this.hub.emit(this.prefix + channel, wire));
    });
  }

  /** Puts raw text on a channel as an external publisher could; used to prove bad input is survived. */
  publishRaw(channel: ChannelName, raw: string): void {
    setImmediate(() => this.hub.emit(this.prefix + channel, raw));
  }

  subscribe<C extends ChannelName>(channel: C, handler: EventHandler<C>): void {
    if (this.started) {
      throw new Error(`subscribe to ${channel} before the bus starts`);
    }
    this.dispatcher.add(channel, handler);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const channel of this.dispatcher.channels) {
      const listener = (raw: string) => void this.dispatcher.deliver(channel, raw);
      this.hub.on(this.prefix + channel, listener);
      this.listeners.push([this.prefix + channel, listener]);
    }
  }

  isConnected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [channel, listener] of this.listeners) this.hub.off(channel, listener);
  }
}
