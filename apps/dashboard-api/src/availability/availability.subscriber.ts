import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { AvailabilityService } from './availability.service';

/** Every check result feeds the availability history; subscriptions must exist before the bus starts. */
@Injectable()
export class AvailabilitySubscriber implements OnModuleInit {
  private readonly logger = new Logger('Availability');

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(AvailabilityService) private readonly availability: AvailabilityService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('neo.check.result.v1', async (event) => {
      await this.availability
        .record(event.payload)
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'could not record check result', reason: String(error) }),
        );
    });
  }
}
