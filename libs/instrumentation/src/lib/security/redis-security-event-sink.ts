import { createEnvelope, encodeEnvelope } from '@neo/contracts';
import { context, propagation } from '@opentelemetry/api';
import Redis from 'ioredis';
import type { SecurityEvent, SecurityEventSink } from './security-event-sink';

export interface RedisSecurityEventSinkOptions {
  /** redis:// or rediss:// URL. */
  readonly url: string;
  /** Service name stamped on the envelope as `source`. */
  readonly source: string;
  /** Same prefix as NEO's bus uses, when a stack runs under one. */
  readonly channelPrefix?: string;
}

/**
 * Publishes security events on Redis in NEO's envelope format, for services that do not run NEO's transport
 * (a user's service): the alerter and dashboard receive them exactly as if NEO's EventBus had sent them.
 */
export class RedisSecurityEventSink implements SecurityEventSink {
  readonly client: Redis;
  private readonly channel: string;

  constructor(private readonly options: RedisSecurityEventSinkOptions) {
    const url = new URL(options.url);
    this.client = new Redis(options.url, {
      // ioredis 6 sends CLIENT SETINFO, which Redis 7.0 rejects during the handshake.
      disableClientInfo: true,
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectionName: `${options.source}-security`,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    });
    // Errors surface through publish() and the health check; an unhandled 'error' event would crash.
    this.client.on('error', () => undefined);
    this.channel = `${options.channelPrefix ?? ''}neo.security.event.v1`;
  }

  async publish(channel: 'neo.security.event.v1', payload: SecurityEvent): Promise<void> {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const envelope = createEnvelope(channel, payload, {
      source: this.options.source,
      traceparent: carrier['traceparent'],
    });
    if (this.client.status === 'wait') await this.client.connect();
    await this.client.publish(this.channel, encodeEnvelope(envelope));
  }

  async close(): Promise<void> {
    if (this.client.status !== 'end') await this.client.quit().catch(() => this.client.disconnect());
  }
}
