import { Module, type DynamicModule } from '@nestjs/common';
import { REDIS_CLIENT } from '@neo/transport';
import type Redis from 'ioredis';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { AVAILABILITY_STORE, type AvailabilityStore } from './availability-store';
import { AvailabilitySubscriber } from './availability.subscriber';
import { MemoryAvailabilityStore } from './memory-availability.store';
import { RedisAvailabilityStore } from './redis-availability.store';

/** Keeps each check's history (Redis, or memory without it) and serves availability, percentiles and regressions. */
@Module({})
export class AvailabilityModule {
  static forRoot(options: { keyPrefix: string }): DynamicModule {
    return {
      module: AvailabilityModule,
      controllers: [AvailabilityController],
      providers: [
        {
          provide: AVAILABILITY_STORE,
          inject: [REDIS_CLIENT],
          // No Redis client means the in-process bus (all-in-one without REDIS_URL); apps alone always have Redis.
          useFactory: (redis: Redis | null): AvailabilityStore =>
            redis ? new RedisAvailabilityStore(redis, options.keyPrefix) : new MemoryAvailabilityStore(),
        },
        AvailabilityService,
        AvailabilitySubscriber,
      ],
    };
  }
}
