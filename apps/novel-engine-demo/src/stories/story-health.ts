import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@neo/instrumentation';
import { StoryEngine } from './story-engine.service';

/** Below this share of recent successes the story engine reports down (the service stays live). */
const MIN_SUCCESS_RATIO = 0.5;

/** Registers the application check `story-generation` with the library's health registry. */
@Injectable()
export class StoryHealth implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(StoryEngine) private readonly engine: StoryEngine,
  ) {}

  onModuleInit(): void {
    this.health.addCheck(
      'story-generation',
      () => {
        const successRatio = this.engine.successRatio();
        return { status: successRatio >= MIN_SUCCESS_RATIO ? 'up' : 'down', successRatio };
      },
      { readiness: true },
    );
  }
}
