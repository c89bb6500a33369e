import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics-registry';

const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const QUALITY_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * Novel Engine's domain metrics: story generation (duration, count, failures, quality) and the agents behind
 * it (coordination latency, messages, character interactions). Opt-in through NovelEngineMetricsModule.
 */
@Injectable()
export class NovelEngineMetrics {
  readonly generationDuration: Histogram<'genre' | 'outcome'>;
  readonly storiesGenerated: Counter<'genre'>;
  readonly generationFailures: Counter<'genre' | 'reason'>;
  readonly qualityScore: Histogram<'genre'>;
  readonly coordinationLatency: Histogram<'agent'>;
  readonly agentMessages: Counter<'from_agent' | 'to_agent'>;
  readonly characterInteractions: Counter<'interaction'>;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.generationDuration = metrics.histogram(
      'novel_story_generation_duration_seconds',
      'Time to generate a story end to end, by genre and outcome.',
      ['genre', 'outcome'],
      DURATION_BUCKETS,
    );
    this.storiesGenerated = metrics.counter('novel_stories_generated_total', 'Stories generated.', ['genre']);
    this.generationFailures = metrics.counter(
      'novel_story_generation_failures_total',
      'Story generations that failed, by genre and reason.',
      ['genre', 'reason'],
    );
    this.qualityScore = metrics.histogram(
      'novel_story_quality_score',
      'Quality score (0 to 1) of generated stories.',
      ['genre'],
      QUALITY_BUCKETS,
    );
    this.coordinationLatency = metrics.histogram(
      'novel_agent_coordination_latency_seconds',
      'Time an agent step waits for and exchanges with the other agents.',
      ['agent'],
      LATENCY_BUCKETS,
    );
    this.agentMessages = metrics.counter('novel_agent_messages_total', 'Messages exchanged between agents.', [
      'from_agent',
      'to_agent',
    ]);
    this.characterInteractions = metrics.counter(
      'novel_character_interactions_total',
      'Interactions between story characters, by kind (dialogue, conflict...).',
      ['interaction'],
    );
  }

  /** Times `generate`, counting success with its quality score or failure with the error's name. */
  async timeGeneration<T extends { qualityScore: number }>(
    genre: string,
    generate: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    try {
      const story = await generate();
      this.generationDuration.observe({ genre, outcome: 'success' }, (performance.now() - started) / 1000);
      this.storiesGenerated.inc({ genre });
      this.qualityScore.observe({ genre }, story.qualityScore);
      return story;
    } catch (error) {
      this.generationDuration.observe({ genre, outcome: 'failure' }, (performance.now() - started) / 1000);
      this.generationFailures.inc({ genre, reason: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  }

  agentStep(from: string, to: string, latencySeconds: number): void {
    this.agentMessages.inc({ from_agent: from, to_agent: to });
    this.coordinationLatency.observe({ agent: from }, latencySeconds);
  }

  characterInteraction(interaction: string): void {
    this.characterInteractions.inc({ interaction });
  }
}
