import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { BusinessMetrics } from '@neo/instrumentation';
import { parseGenerateStory } from './dto/generate-story.dto';
import type { Story } from './story';
import { StoryEngine } from './story-engine.service';

@Controller('stories')
export class StoriesController {
  constructor(
    @Inject(StoryEngine) private readonly engine: StoryEngine,
    @Inject(BusinessMetrics) private readonly business: BusinessMetrics,
  ) {}

  /** Generates a story through the agent pipeline (hundreds of ms; fails now and then, as models do). */
  @Post()
  @HttpCode(201)
  async generate(@Body() body: unknown): Promise<Story> {
    const request = parseGenerateStory(body);
    if (typeof request === 'string') throw new BadRequestException(request);
    this.business.featureUsed(`generate:${request.genre}`);
    try {
      return await this.engine.generate(request.genre, request.prompt);
    } catch (error) {
      throw new ServiceUnavailableException(`story generation failed: ${(error as Error).message}`);
    }
  }

  @Get(':id')
  get(@Param('id') id: string): Story {
    const story = this.engine.find(id);
    if (!story) throw new NotFoundException(`no story ${id}`);
    return story;
  }
}
