import { Module, type DynamicModule } from '@nestjs/common';
import { REDIS_CLIENT } from '@neo/transport';
import type Redis from 'ioredis';
import { CHECK_STATE_HEALTH, checkStateHealth } from './check-state-health';
import { ChecksController } from './checks.controller';
import { ChecksService } from './checks.service';
import { CHECKS_STORE, type ChecksStore } from './checks-store';
import { MemoryChecksStore } from './memory-checks.store';
import { RedisChecksStore } from './redis-checks.store';

/** The synthetic checks REST API; the checks live in Redis shared with the runners (memory without Redis). */
@Module({})
export class ChecksModule {
  static forRoot(options: { keyPrefix: string }): DynamicModule {
    return {
      module: ChecksModule,
      controllers: [ChecksController],
      providers: [
        {
          provide: CHECKS_STORE,
          inject: [REDIS_CLIENT],
          // No Redis client means the in-process bus (all-in-one without REDIS_URL); apps alone always have Redis.
          useFactory: (redis: Redis | null): ChecksStore =>
            redis ? new RedisChecksStore(redis, options.keyPrefix) : new MemoryChecksStore(),
        },
        { provide: CHECK_STATE_HEALTH, inject: [CHECKS_STORE], useFactory: checkStateHealth },
        ChecksService,
      ],
    };
  }
}
