import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { PayloadInputOf } from '@neo/contracts';
import { rollUpHealth } from '@neo/domain-health';
import { HealthRegistry } from '../health/health-registry';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability-options';

/** Anything that can put a heartbeat on the bus; the app's EventBus fits. */
export interface HeartbeatSink {
  publish(
    channel: 'neo.service.heartbeat.v1',
    payload: PayloadInputOf<'neo.service.heartbeat.v1'>,
  ): Promise<void>;
}

/**
 * Announces the service and its rolled-up health on the bus at a fixed interval, so a dashboard learns of
 * every replica without a list of URLs.
 */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Heartbeat');
  private timer: NodeJS.Timeout | undefined;
  private sink: HeartbeatSink | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  attach(sink: HeartbeatSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    const heartbeat = this.options.heartbeat;
    if (!heartbeat || !this.sink) return;
    void this.beat();
    this.timer = setInterval(() => void this.beat(), heartbeat.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async beat(): Promise<void> {
    const heartbeat = this.options.heartbeat;
    if (!heartbeat || !this.sink) return;
    try {
      const components = await this.health.components();
      await this.sink.publish('neo.service.heartbeat.v1', {
        service: this.options.serviceName,
        instance: heartbeat.instance,
        url: heartbeat.url,
        status: rollUpHealth(components),
        startedAt: this.startedAt,
        bus: heartbeat.busMode,
        components: components.map(({ name, status, message }) => ({
          name,
          status,
          ...(message ? { message } : {}),
        })),
      });
    } catch (error) {
      this.logger.warn({ msg: 'heartbeat not published', reason: (error as Error).message });
    }
  }
}
