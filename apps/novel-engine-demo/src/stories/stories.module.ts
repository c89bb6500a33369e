import { Module } from '@nestjs/common';
import { NovelEngineMetricsModule } from '@neo/instrumentation';
import { StoriesController } from './stories.controller';
import { StoryEngine } from './story-engine.service';
import { StoryHealth } from './story-health';

@Module({
  imports: [NovelEngineMetricsModule],
  controllers: [StoriesController],
  providers: [StoryEngine, StoryHealth],
  exports: [StoryEngine],
})
export class StoriesModule {}
