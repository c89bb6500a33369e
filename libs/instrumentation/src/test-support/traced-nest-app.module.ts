import { Controller, Get, Module, Param, UseGuards, type CanActivate, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { context, propagation } from '@opentelemetry/api';
import { Router } from 'express';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { ObservabilityModule } from '../lib/observability.module';

/** Refuses every request, so a 403 shows the guard ran. */
class DenyingGuard implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

/**
 * A plain Express router beside Nest's routes, as services that keep older handlers do, mounted when Nest
 * configures middleware: after the library's middleware, before Nest's routes and not-found handler.
 */
@Module({})
class LegacyRoutesModule implements NestModule {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(): void {
    const legacy = Router();
    legacy.get('/items/:id', (req, res) => {
      res.json({ id: req.params['id'] });
    });
    legacy.get('/', (_req, res) => {
      res.json({ root: true });
    });
    // Two routes for one path: the first puts baggage in the context and passes the request on.
    legacy.get('/chain', (_req, _res, next) => {
      const baggage = propagation.createBaggage({ step: { value: 'first' } });
      context.with(propagation.setBaggage(context.active(), baggage), next);
    });
    legacy.get('/chain', (_req, res) => {
      res.json({ step: propagation.getBaggage(context.active())?.getEntry('step')?.value ?? null });
    });
    this.adapterHost.httpAdapter.use('/legacy', legacy);
  }
}

/** One route whose answer shows the trace context a request runs in (what it would send downstream). */
@Controller('stories')
export class StoriesController {
  @Get(':id')
  get(@Param('id') id: string) {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return { id, traceparent: carrier['traceparent'] ?? null, tracestate: carrier['tracestate'] ?? null };
  }

  /** A handler that fails after an await, as a real one does when a dependency is down. */
  @Get(':id/fail')
  async fail(): Promise<never> {
    await Promise.resolve();
    throw new Error('story store unavailable');
  }

  /** A guarded route: guards read their metadata from the handler, so it must survive instrumentation. */
  @Get(':id/guarded')
  @UseGuards(DenyingGuard)
  guarded(): string {
    return 'unreachable';
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
      LegacyRoutesModule,
    ],
    controllers: [StoriesController],
  })
  class TracedAppModule {}
  return TracedAppModule;
}

/** The spec service started in this process on a loopback port; `close` stops it. */
export async function startTracedApp(
  logs: DestinationStream,
): Promise<{ port: number; close: () => Promise<void> }> {
  const { Test } = await import('@nestjs/testing');
  const moduleRef = await Test.createTestingModule({ imports: [tracedAppModule(logs)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { port, close: () => app.close() };
}
