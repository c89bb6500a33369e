import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { checkBusHealth } from './bus-health';
import type { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { createRedisClient } from './redis-connection';
import { RedisEventBus } from './redis-event-bus';

/** Injection token of the app's EventBus. */
export const EVENT_BUS = Symbol.for('neo.transport.event-bus');
/** Injection token of a Redis command connection, or null when the app runs on the in-process bus. */
export const REDIS_CLIENT = Symbol.for('neo.transport.redis-client');
/** Injection token of the bus's health contributor (`{ name, readiness, check() }`) for the health endpoints. */
export const BUS_HEALTH = Symbol.for('neo.transport.bus-health');

export interface TransportOptions {
  readonly source: string;
  /** Empty means in-process (all-in-one only). */
  readonly redisUrl: string;
  readonly channelPrefix?: string;
}

/** Set by the all-in-one launcher: the only mode in which an app may run without Redis. */
export function isAllInOne(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env['NEO_ALL_IN_ONE'] === '1';
}

export function createEventBus(options: TransportOptions): EventBus {
  if (!options.redisUrl && !isAllInOne()) {
    throw new Error(
      'REDIS_URL is required when a service runs on its own (only all-in-one has an in-process bus)',
    );
  }
  return options.redisUrl
    ? new RedisEventBus(options.redisUrl, { source: options.source, channelPrefix: options.channelPrefix })
    : new InProcessEventBus({ source: options.source, channelPrefix: options.channelPrefix });
}

@Injectable()
class TransportLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Transport');

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
  ) {}

  // Subscriptions are registered in onModuleInit by feature modules; the bus connects after all of them.
  async onApplicationBootstrap(): Promise<void> {
    await this.redis?.connect();
    await this.bus.start();
    this.logger.log({ msg: 'event bus started', bus: this.bus.mode });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.close();
    if (this.redis && this.redis.status !== 'end') {
      await this.redis.quit().catch(() => this.redis?.disconnect());
    }
  }
}

@Global()
@Module({})
export class TransportModule {
  static forRoot(options: TransportOptions): DynamicModule {
    return {
      module: TransportModule,
      providers: [
        { provide: EVENT_BUS, useFactory: () => createEventBus(options) },
        {
          provide: REDIS_CLIENT,
          useFactory: () => (options.redisUrl ? createRedisClient(options.redisUrl, options.source) : null),
        },
        {
          provide: BUS_HEALTH,
          inject: [EVENT_BUS, REDIS_CLIENT],
          useFactory: (bus: EventBus, redis: Redis | null) => ({
            name: 'bus',
            readiness: true,
            check: async () => (await checkBusHealth(bus, redis)).bus,
          }),
        },
        TransportLifecycle,
      ],
      exports: [EVENT_BUS, REDIS_CLIENT, BUS_HEALTH],
    };
  }
}
