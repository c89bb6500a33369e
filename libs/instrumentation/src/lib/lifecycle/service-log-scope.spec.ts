import { Controller, Get, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { call } from '../../test-support/http';
import { LogCapture } from '../../test-support/log-capture';
import { waitFor } from '../../test-support/wait-for';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { ObservabilityModule } from '../observability.module';
import { processNestLogger, runInServiceLogScope, scopedNestLogger } from './service-log-scope';

// Nest's static Logger, as services use it: `new Logger(context)` in a field, shared by the whole process.
const storiesLog = new Logger('Stories');

@Controller('stories')
class StoriesController {
  @Get()
  list() {
    storiesLog.log('listing stories');
    return [];
  }
}

@Injectable()
class Ticker implements OnApplicationBootstrap {
  onApplicationBootstrap(): void {
    setTimeout(() => storiesLog.log('tick'), 20);
  }
}

function serviceModule(serviceName: string, logs: LogCapture) {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName, logging: { destination: logs }, metrics: { host: false } }),
    ],
    controllers: [StoriesController],
    providers: [Ticker],
  })
  class ServiceModule {}
  return ServiceModule;
}

describe('several services in one process: Nest static logger lines go to the service they came from', () => {
  it('labels request, timer and start-up lines with their own service, whichever service started last', async () => {
    const logsA = new LogCapture();
    const logsB = new LogCapture();
    const start = (name: string, logs: LogCapture) =>
      runInServiceLogScope(async () => {
        const app = await NestFactory.create(serviceModule(name, logs), { logger: processNestLogger() });
        app.useLogger(scopedNestLogger(app.get(PinoNestLogger)));
        await app.listen(0, '127.0.0.1');
        return app;
      });
    const [a, b] = await Promise.all([start('service-a', logsA), start('service-b', logsB)]);
    try {
      await call((a.getHttpServer().address() as AddressInfo).port, '/stories');
      await call((b.getHttpServer().address() as AddressInfo).port, '/stories');
      await waitFor(() => logsA.text.includes('tick') && logsB.text.includes('tick'), {
        description: 'both services logging their timer line',
      });

      for (const [logs, own] of [
        [logsA, 'service-a'],
        [logsB, 'service-b'],
      ] as const) {
        const stories = logs.lines.filter((line) => line['context'] === 'Stories');
        expect(stories.map((line) => line['msg']).sort()).toEqual(['listing stories', 'tick']);
        // Nest's own start-up lines (module and route mapping) too.
        expect(logs.lines.some((line) => line['context'] === 'RoutesResolver')).toBe(true);
        expect(new Set(logs.lines.map((line) => line['service']))).toEqual(new Set([own]));
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
