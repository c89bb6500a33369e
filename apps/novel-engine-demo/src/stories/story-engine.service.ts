import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusinessMetrics, NovelEngineMetrics, ObservabilityLogger, Traced } from '@neo/instrumentation';
import { DEMO_CONFIG } from '../config/demo-config.token';
import type { DemoConfig } from '../config/demo.config';
import { AGENT_PIPELINE, agentLatencyMs } from './agents';
import { AgentTimeoutError, IncoherentPlotError, type Genre, type Story } from './story';

/** How many recent generations the health check looks at. */
const WINDOW = 20;

/**
 * Generates a story by passing it through the agent pipeline. Latency and failures are simulated, the
 * instrumentation is real: spans per step, domain metrics, business counters and category logs.
 */
@Injectable()
export class StoryEngine {
  private readonly stories = new Map<string, Story>();
  private readonly recent: boolean[] = [];

  constructor(
    @Inject(NovelEngineMetrics) private readonly metrics: NovelEngineMetrics,
    @Inject(BusinessMetrics) private readonly business: BusinessMetrics,
    @Inject(ObservabilityLogger) private readonly log: ObservabilityLogger,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  @Traced({ attributes: { 'story.genre': 0 } })
  async generate(genre: Genre, prompt: string): Promise<Story> {
    try {
      const story = await this.metrics.timeGeneration(genre, () => this.runPipeline(genre, prompt));
      this.remember(true);
      this.stories.set(story.id, story);
      this.business.operation('story.generate', 'success');
      this.log.business.event('story.generated', { story_id: story.id, genre, quality: story.qualityScore });
      return story;
    } catch (error) {
      this.remember(false);
      this.business.operation('story.generate', 'failure');
      this.log.application.warn('story generation failed', { genre, reason: (error as Error).name });
      throw error;
    }
  }

  find(id: string): Story | undefined {
    return this.stories.get(id);
  }

  /** Share of the recent generations that succeeded (1 before any ran). */
  successRatio(): number {
    if (this.recent.length === 0) return 1;
    return this.recent.filter(Boolean).length / this.recent.length;
  }

  private async runPipeline(genre: Genre, prompt: string): Promise<Story> {
    const chapters: string[] = [];
    let previous = 'client';
    for (const step of AGENT_PIPELINE) {
      await this.runAgent(step.agent, step.meanMs, genre);
      this.metrics.agentStep(previous, step.agent, agentLatencyMs(step.meanMs / 10) / 1000);
      this.metrics.characterInteraction(step.interaction);
      chapters.push(`${step.agent}: ${prompt.slice(0, 40)}`);
      previous = step.agent;
    }
    const qualityScore = Math.round((0.55 + Math.random() * 0.45) * 100) / 100;
    return {
      id: `st_${randomUUID().slice(0, 8)}`,
      genre,
      title: `A ${genre} tale`,
      chapters,
      qualityScore,
      agents: AGENT_PIPELINE.map((step) => step.agent),
    };
  }

  @Traced({ attributes: { 'agent.name': 0 } })
  private async runAgent(agent: string, meanMs: number, genre: Genre): Promise<void> {
    await sleep(agentLatencyMs(meanMs));
    // About `failureRate` of generations fail: half by a timeout spread over the agents, half at the editor.
    const roll = Math.random();
    if (roll < this.config.failureRate / (2 * AGENT_PIPELINE.length)) {
      throw new AgentTimeoutError(`${agent} did not answer in time`);
    }
    if (agent === 'editor' && roll > 1 - this.config.failureRate / 2) {
      throw new IncoherentPlotError(`the ${genre} plot contradicts itself`);
    }
  }

  private remember(ok: boolean): void {
    this.recent.push(ok);
    if (this.recent.length > WINDOW) this.recent.shift();
  }
}
