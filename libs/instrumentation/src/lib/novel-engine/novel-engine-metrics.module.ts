import { Module } from '@nestjs/common';
import { NovelEngineMetrics } from './novel-engine-metrics';

/** Opt-in: import beside ObservabilityModule.forRoot() to get NovelEngineMetrics injected. */
@Module({ providers: [NovelEngineMetrics], exports: [NovelEngineMetrics] })
export class NovelEngineMetricsModule {}
