import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthRegistry } from './health/health-registry';
import { MetricsRegistry } from './metrics/metrics-registry';
import { ObservabilityModule } from './observability.module';

@Controller('stories')
class StoriesController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

const DEPENDENCY = Symbol('dependency');
let dependencyUp = true;

@Module({
  providers: [
    {
      provide: DEPENDENCY,
      useValue: {
        name: 'database',
        readiness: true,
        check: async () =>
          dependencyUp ? { status: 'up' } : { status: 'down', message: 'connection refused' },
      },
    },
  ],
  exports: [DEPENDENCY],
})
class DependencyModule {}

function get(app: INestApplication, path: string): Promise<{ status: number; body: string }> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('ObservabilityModule in a Nest app', () => {
  let app: INestApplication;

  beforeEach(async () => {
    dependencyUp = true;
    const moduleRef = await Test.createTestingModule({
      imports: [
        DependencyModule,
        ObservabilityModule.forRoot({
          serviceName: 'story-api',
          logLevel: 'silent',
          healthContributors: [DEPENDENCY],
        }),
      ],
      controllers: [StoriesController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    await app.close();
  });

  it('exposes HTTP RED metrics labelled by route template, not raw URL, with the service label', async () => {
    await get(app, '/stories/1');
    await get(app, '/stories/2');
    await get(app, '/nowhere');
    const metrics = await get(app, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain(
      'http_requests_total{method="GET",route="/stories/:id",status_class="2xx",service="story-api"} 2',
    );
    expect(metrics.body).toContain('route="unmatched",status_class="4xx"');
    expect(metrics.body).not.toContain('/stories/1');
    expect(metrics.body).toMatch(/^process_cpu_user_seconds_total\{service="story-api"\}/m);
  });

  it('keeps two services in one process apart: each registry has only its own series', () => {
    const own = app.get(MetricsRegistry);
    const other = new MetricsRegistry({ serviceName: 'other', collectProcessMetrics: false });
    other.counter('only_in_other_total', 'x').inc();
    expect(own.registry.getSingleMetric('only_in_other_total')).toBeUndefined();
  });

  it('liveness ignores dependencies while readiness and details report them', async () => {
    dependencyUp = false;
    const live = await get(app, '/health/live');
    const ready = await get(app, '/health/ready');
    const detailed = await get(app, '/health');
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error.database).toEqual({ status: 'down', message: 'connection refused' });
    expect(detailed.status).toBe(503);
    expect(JSON.parse(detailed.body).details.heap.status).toBe('up');
  });

  it('turns readiness to 503 once shutdown begins, while liveness stays 200', async () => {
    expect((await get(app, '/health/ready')).status).toBe(200);
    app.get(HealthRegistry).beginShutdown();
    const ready = await get(app, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error.shutdown.status).toBe('down');
    expect((await get(app, '/health/live')).status).toBe(200);
  });
});
