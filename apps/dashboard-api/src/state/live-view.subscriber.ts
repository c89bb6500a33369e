import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { LiveView } from './live-view';

/** Feeds the live view from the four event channels; subscriptions must exist before the bus starts. */
@Injectable()
export class LiveViewSubscriber implements OnModuleInit {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(LiveView) private readonly view: LiveView,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('neo.service.heartbeat.v1', (event) =>
      this.view.recordHeartbeat(event.payload, new Date()),
    );
    this.bus.subscribe('neo.target.health.v1', (event) => this.view.recordTargetHealth(event.payload));
    this.bus.subscribe('neo.check.result.v1', (event) => this.view.recordCheckResult(event.payload));
    this.bus.subscribe('neo.alert.state.v1', (event) => this.view.recordAlertState(event.payload));
  }
}
