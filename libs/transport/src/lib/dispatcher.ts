import { Logger } from '@nestjs/common';
import {
  createEnvelope,
  decodeEnvelope,
  type ChannelName,
  type Envelope,
  type PayloadInputOf,
} from '@neo/contracts';
import type { BusStats, EventHandler } from './event-bus';
import { withConsumerSpan, withProducerSpan } from './trace-context';

/**
 * What every bus implementation shares: handler lists per channel, envelope creation with trace context on
 * the way out, and validation on the way in. A message that fails validation or whose handler throws is
 * logged with the reason and dropped; it never takes the service down.
 */
export class Dispatcher {
  readonly stats: BusStats = { published: 0, received: 0, dropped: 0 };
  private readonly handlers = new Map<ChannelName, EventHandler<ChannelName>[]>();

  constructor(
    private readonly source: string,
    private readonly logger: Logger,
  ) {}

  get channels(): ChannelName[] {
    return [...this.handlers.keys()];
  }

  add<C extends ChannelName>(channel: C, handler: EventHandler<C>): void {
    const list = this.handlers.get(channel) ?? [];
    list.push(handler as unknown as EventHandler<ChannelName>);
    this.handlers.set(channel, list);
  }

  async envelope<C extends ChannelName>(
    channel: C,
    payload: PayloadInputOf<C>,
    send: (envelope: Envelope<C>) => Promise<void>,
  ): Promise<void> {
    await withProducerSpan(channel, async (traceparent) => {
      await send(createEnvelope(channel, payload, { source: this.source, traceparent }));
    });
    this.stats.published++;
  }

  async deliver(channel: ChannelName, raw: unknown): Promise<void> {
    this.stats.received++;
    const decoded = decodeEnvelope(channel, raw);
    if (!decoded.ok) {
      this.stats.dropped++;
      this.logger.warn({ msg: 'dropped malformed event', channel, reason: decoded.reason });
      return;
    }
    const { envelope } = decoded;
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        await withConsumerSpan(channel, envelope.traceparent, async () => handler(envelope));
      } catch (error) {
        this.stats.dropped++;
        this.logger.error({
          msg: 'event handler failed',
          channel,
          eventId: envelope.id,
          reason: (error as Error).message,
        });
      }
    }
  }
}
