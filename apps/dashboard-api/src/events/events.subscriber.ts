import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CHANNEL_NAMES } from '@neo/contracts';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { EventsService } from './events.service';

/** Every validated event on the four channels goes to the SSE streams as-is. */
@Injectable()
export class EventsSubscriber implements OnModuleInit {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(EventsService) private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    for (const channel of CHANNEL_NAMES) {
      this.bus.subscribe(channel, (envelope) => this.events.forward(envelope));
    }
  }
}
