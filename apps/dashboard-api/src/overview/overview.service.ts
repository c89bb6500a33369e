import { Inject, Injectable } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { LiveView } from '../state/live-view';
import type { OverviewResponse } from './dto/overview.dto';

@Injectable()
export class OverviewService {
  constructor(
    @Inject(LiveView) private readonly view: LiveView,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  overview(now = new Date()): OverviewResponse {
    return { generatedAt: now.toISOString(), bus: this.bus.mode, ...this.view.snapshot(now) };
  }
}
