import { Module, type DynamicModule } from '@nestjs/common';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { AvailabilitySubscriber } from './availability.subscriber';
import { CHECKS_KEY_PREFIX } from './availability.tokens';

/** Keeps each check's history in Redis and serves availability, percentiles and regressions. */
@Module({})
export class AvailabilityModule {
  static forRoot(options: { keyPrefix: string }): DynamicModule {
    return {
      module: AvailabilityModule,
      controllers: [AvailabilityController],
      providers: [
        { provide: CHECKS_KEY_PREFIX, useValue: options.keyPrefix },
        AvailabilityService,
        AvailabilitySubscriber,
      ],
    };
  }
}
