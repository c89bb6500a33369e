import { Module, type DynamicModule } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EVENTS_OPTIONS, type EventsOptions } from './events.options';
import { EventsService } from './events.service';
import { EventsSubscriber } from './events.subscriber';

@Module({})
export class EventsModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: EventsModule,
      controllers: [EventsController],
      providers: [{ provide: EVENTS_OPTIONS, useValue: options }, EventsService, EventsSubscriber],
    };
  }
}
