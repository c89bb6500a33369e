import { Controller, Get, Module, Param } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import { ObservabilityModule } from '../lib/observability.module';

/** One route whose answer shows the trace context a request runs in (what it would send downstream). */
@Controller('stories')
export class StoriesController {
  @Get(':id')
  get(@Param('id') id: string) {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return { id, traceparent: carrier['traceparent'] ?? null };
  }
}

/** The spec service of traced-nest-app.ts: one route, access lines for every request into `logs`. */
export function tracedAppModule(logs: DestinationStream) {
  @Module({
    imports: [
      ObservabilityModule.forRoot({
        serviceName: 'story-api',
        logging: { destination: logs, accessLog: 'all' },
        metrics: { host: false },
      }),
    ],
    controllers: [StoriesController],
  })
  class TracedAppModule {}
  return TracedAppModule;
}
