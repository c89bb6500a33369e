import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Counter, Gauge } from 'prom-client';
import type { ChannelName, Envelope } from '@neo/contracts';
import { MetricsRegistry } from '@neo/instrumentation';
import { EventFanout } from './event-fanout';
import { EVENTS_OPTIONS, type EventsOptions } from './events.options';
import { SseStream } from './sse-stream';

/** Owns the open SSE streams: admits them, feeds them bus events, and ends them all on shutdown. */
@Injectable()
export class EventsService implements OnModuleDestroy {
  private readonly logger = new Logger('Events');
  private readonly fanout = new EventFanout();
  private readonly streams = new Set<SseStream>();
  private closing = false;
  private readonly clients: Gauge;
  private readonly forwarded: Counter<'channel'>;
  private readonly disconnects: Counter<'reason'>;

  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.clients = metrics.gauge('neo_dashboard_sse_clients', 'Open /api/events streams.');
    this.forwarded = metrics.counter(
      'neo_dashboard_events_forwarded_total',
      'Bus events written to SSE clients, counted once per client.',
      ['channel'],
    );
    this.disconnects = metrics.counter(
      'neo_dashboard_sse_disconnects_total',
      'SSE streams ended, by reason.',
      ['reason'],
    );
  }

  get openStreams(): number {
    return this.streams.size;
  }

  forward(envelope: Envelope): void {
    const delivered = this.fanout.publish(envelope);
    if (delivered > 0) this.forwarded.inc({ channel: envelope.channel }, delivered);
  }

  open(res: ServerResponse, channels: ReadonlySet<ChannelName>): void {
    if (this.closing) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'shutting down',
      });
    }
    if (this.streams.size >= this.options.maxClients) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: `too many event streams open (limit ${this.options.maxClients})`,
      });
    }
    const stream = new SseStream(res, channels, this.options);
    const remove = this.fanout.add(stream);
    this.streams.add(stream);
    this.clients.set(this.streams.size);
    stream.onClose((reason) => {
      remove();
      this.streams.delete(stream);
      this.clients.set(this.streams.size);
      this.disconnects.inc({ reason });
      if (reason === 'too-slow') this.logger.warn({ msg: 'SSE client cut off: not reading its stream' });
    });
    stream.open();
  }

  // Runs before the HTTP server closes; an open stream would otherwise keep it from ever closing.
  onModuleDestroy(): void {
    this.closing = true;
    for (const stream of [...this.streams]) stream.close();
  }
}
