import { Logger } from '@nestjs/common';
import { ClientRedis, ServerRedis, type Deserializer, type Serializer } from '@nestjs/microservices';
import type { ChannelName, PayloadInputOf } from '@neo/contracts';
import { isChannelName } from '@neo/contracts';
import { Dispatcher } from './dispatcher';
import type { EventBus, EventBusOptions, EventHandler } from './event-bus';
import { redisOptionsFromUrl } from './redis-connection';

/** The envelope itself is the wire format: no Nest `{pattern, data}` wrapper, so any client can publish. */
const envelopeSerializer: Serializer = { serialize: (packet: { data: unknown }) => packet.data };

/**
 * Events over Redis pub/sub, using @nestjs/microservices' Redis client to publish and its Redis server
 * strategy to subscribe. The server hands us each raw message with the channel it came from; validation
 * happens in the dispatcher so a malformed message is reported with its reason.
 */
export class RedisEventBus implements EventBus {
  readonly mode = 'redis' as const;
  private readonly dispatcher: Dispatcher;
  private readonly client: ClientRedis;
  private readonly server: ServerRedis;
  private readonly prefix: string;
  private started = false;
  private closed = false;
  private serverReady = false;

  constructor(
    redisUrl: string,
    private readonly options: EventBusOptions,
  ) {
    const logger = new Logger('EventBus');
    this.dispatcher = new Dispatcher(options.source, logger);
    this.prefix = options.channelPrefix ?? '';
    // Nest types its Redis options against an older ioredis; only the connection fields are passed on.
    const { host, port, username, password, db, tls, disableClientInfo } = redisOptionsFromUrl(redisUrl);
    const connection = {
      host,
      port,
      username,
      password,
      db,
      tls,
      disableClientInfo,
      retryAttempts: Number.MAX_SAFE_INTEGER,
      retryDelay: 1000,
    };
    this.client = new ClientRedis({ ...connection, serializer: envelopeSerializer });
    const deserializer: Deserializer = {
      deserialize: (value: unknown, meta?: Record<string, unknown>) => ({
        pattern: String(meta?.['channel'] ?? ''),
        data: value,
      }),
    };
    this.server = new ServerRedis({ ...connection, deserializer });
    this.server.on('ready', () => (this.serverReady = true));
    this.server.on('reconnecting', () => (this.serverReady = false));
  }

  get stats() {
    return this.dispatcher.stats;
  }

  async publish<C extends ChannelName>(channel: C, payload: PayloadInputOf<C>): Promise<void> {
    await this.dispatcher.envelope(channel, payload, async (envelope) => {
      await new Promise<void>((resolve, reject) =>
        this.client.emit(this.prefix + channel, envelope).subscribe({ complete: resolve, error: reject }),
      );
    });
  }

  subscribe<C extends ChannelName>(channel: C, handler: EventHandler<C>): void {
    if (this.started) {
      throw new Error(`subscribe to ${channel} before the bus starts`);
    }
    if (!this.dispatcher.channels.includes(channel)) {
      this.server.addHandler(this.prefix + channel, async (raw: unknown) => this.receive(channel, raw), true);
    }
    this.dispatcher.add(channel, handler);
  }

  private async receive(channel: ChannelName, raw: unknown): Promise<void> {
    if (this.closed || !isChannelName(channel)) return;
    await this.dispatcher.deliver(channel, raw);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.client.connect();
    await new Promise<void>((resolve, reject) =>
      this.server.listen((error?: unknown) => (error ? reject(error) : resolve())),
    );
    this.serverReady = true;
  }

  isConnected(): boolean {
    return this.started && !this.closed && this.serverReady;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.server.close(), this.client.close()]);
  }

  /** For logs: never includes credentials. */
  describe(): string {
    return `redis (source ${this.options.source})`;
  }
}
