import type { ChannelName, Envelope } from '@neo/contracts';

/** A live subscriber: a set of channels it wants and a non-blocking way to hand it an event. */
export interface FanoutClient {
  readonly channels: ReadonlySet<ChannelName>;
  send(envelope: Envelope): void;
}

/**
 * Hands every bus event to the clients that asked for its channel. Clients are called synchronously and must
 * not throw or block: a slow client is the client's problem, never the bus's.
 */
export class EventFanout {
  private readonly clients = new Set<FanoutClient>();

  get size(): number {
    return this.clients.size;
  }

  /** Returns the function that removes the client again. */
  add(client: FanoutClient): () => void {
    this.clients.add(client);
    return () => {
      this.clients.delete(client);
    };
  }

  /** Returns how many clients received the event. */
  publish(envelope: Envelope): number {
    let delivered = 0;
    for (const client of [...this.clients]) {
      if (client.channels.has(envelope.channel)) {
        client.send(envelope);
        delivered++;
      }
    }
    return delivered;
  }
}
