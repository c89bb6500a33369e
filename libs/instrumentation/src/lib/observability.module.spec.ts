import {
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  Module,
  Param,
  Post,
  UnauthorizedException,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { call } from '../test-support/http';
import { LogCapture } from '../test-support/log-capture';
import { HealthRegistry } from './health/health-registry';
import { MetricsRegistry } from './metrics/metrics-registry';
import { ObservabilityModule } from './observability.module';
import type { SecurityEvent, SecurityEventSink } from './security/security-event-sink';

@Controller('stories')
class StoriesController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create() {
    return { ok: true };
  }

  @Get('admin/secret')
  denied() {
    throw new UnauthorizedException();
  }

  @Get('admin/forbidden')
  forbidden() {
    throw new ForbiddenException();
  }

  @Get('busy/now')
  limited() {
    throw new HttpException('slow down', 429);
  }
}

const DEPENDENCY = Symbol('dependency');
const SINK = Symbol('sink');
let dependencyUp = true;
const published: SecurityEvent[] = [];

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
    {
      provide: SINK,
      useValue: {
        publish: async (_channel, payload) => void published.push(payload),
      } satisfies SecurityEventSink,
    },
  ],
  exports: [DEPENDENCY, SINK],
})
class DependencyModule {}

describe('ObservabilityModule in a Nest app', () => {
  let app: INestApplication;
  let port: number;
  let logs: LogCapture;
  const get = (path: string) => call(port, path);

  beforeEach(async () => {
    dependencyUp = true;
    published.length = 0;
    logs = new LogCapture();
    const moduleRef = await Test.createTestingModule({
      imports: [
        DependencyModule,
        ObservabilityModule.forRoot({
          serviceName: 'story-api',
          serviceVersion: '1.2.3',
          environment: 'test',
          instance: 'story-api-0',
          logLevel: 'info',
          healthContributors: [DEPENDENCY],
          // Start-up and parallel test workers can stall this process's event loop for longer than the
          // default 500 ms, which made this spec flaky; here the check only needs to be reported.
          health: { maxEventLoopLagMs: 60_000 },
          logging: { destination: logs, accessLog: 'all' },
          security: { sink: SINK },
        }),
      ],
      controllers: [StoriesController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterEach(async () => {
    await app.close();
  });

  it('exposes HTTP RED metrics by route template (never the raw URL) with the four default labels', async () => {
    await get('/stories/1');
    await get('/stories/2');
    await get('/nowhere');
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    const defaults = 'service="story-api",version="1.2.3",environment="test",instance="story-api-0"';
    expect(metrics.body).toContain(
      `http_requests_total{method="GET",route="/stories/:id",status_class="2xx",${defaults}} 2`,
    );
    expect(metrics.body).toContain('route="unmatched",status_class="4xx"');
    expect(metrics.body).toMatch(/^http_response_size_bytes_count\{.*route="\/stories\/:id".*\} 2$/m);
    expect(metrics.body).toMatch(/^http_request_duration_seconds_bucket\{.*le="0\.005".*\}/m);
    expect(metrics.body).toContain('http_requests_in_flight{');
    expect(metrics.body).not.toContain('/stories/1');
    expect(metrics.body).toMatch(/^process_cpu_user_seconds_total\{service="story-api"/m);
    expect(metrics.body).toMatch(/^host_cpu_seconds_total\{.*mode="idle".*\} \d/m);
    expect(metrics.body).toMatch(/^host_memory_available_bytes\{.*\} \d/m);
    expect(metrics.body).toMatch(/^host_disk_free_bytes\{.*path=".*\} \d/m);
    expect(metrics.body).toMatch(/^host_network_receive_bytes_total\{.*device="lo".*\} \d/m);
  });

  it('writes one access line per request with route, status and category, and none for probes', async () => {
    await get('/stories/7');
    await get('/health/live');
    await get('/metrics');
    const access = logs.lines.filter((line) => line['msg'] === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      service: 'story-api',
      category: 'performance',
      http: { method: 'GET', route: '/stories/:id', path: '/stories/7', status: 200 },
    });
  });

  it('keeps two services in one process apart: each registry has only its own series', () => {
    const own = app.get(MetricsRegistry);
    const other = new MetricsRegistry({ serviceName: 'other', collectProcessMetrics: false });
    other.counter('only_in_other_total', 'x').inc();
    expect(own.registry.getSingleMetric('only_in_other_total')).toBeUndefined();
  });

  it('liveness ignores dependencies while readiness and details report them, with built-in indicators', async () => {
    dependencyUp = false;
    const live = await get('/health/live');
    const ready = await get('/health/ready');
    const detailed = await get('/health');
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error.database).toEqual({ status: 'down', message: 'connection refused' });
    expect(detailed.status).toBe(503);
    const details = JSON.parse(detailed.body).details;
    expect(details.heap.status).toBe('up');
    expect(details.rss.status).toBe('up');
    expect(details.event_loop.status).toBe('up');
  });

  it('registers application checks by name and answers the startup probe once booted', async () => {
    let generating = true;
    app
      .get(HealthRegistry)
      .addCheck('story-generation', () => generating, { readiness: true, startup: true });
    expect((await get('/health/startup')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
    generating = false;
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error['story-generation'].status).toBe('down');
    expect((await get('/health/startup')).status).toBe(503);
  });

  it('turns readiness to 503 once shutdown begins, while liveness stays 200', async () => {
    expect((await get('/health/ready')).status).toBe(200);
    app.get(HealthRegistry).beginShutdown();
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error.shutdown.status).toBe('down');
    expect((await get('/health/live')).status).toBe(200);
  });

  it('turns 401, 403 and 429 into security lines, metrics and events by route and client', async () => {
    await get('/stories/admin/secret');
    await get('/stories/admin/forbidden');
    await get('/stories/busy/now');
    const kinds = published.map((event) => event.kind).sort();
    expect(kinds).toEqual(['auth_failure', 'forbidden', 'rate_limited']);
    expect(published[0]).toMatchObject({ service: 'story-api', method: 'GET', client: '127.0.0.1' });
    expect(published.find((e) => e.kind === 'rate_limited')?.route).toBe('/stories/busy/now');
    const security = logs.lines.filter((line) => line['category'] === 'security');
    expect(security.map((line) => line['kind']).sort()).toEqual(kinds);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(
      /^security_events_total\{kind="auth_failure",route="\/stories\/admin\/secret",.*\} 1$/m,
    );
    expect(metrics).toMatch(
      /^security_client_events_total\{kind="rate_limited",client="127\.0\.0\.1",.*\} 1$/m,
    );
  });

  it('flags SQL injection, XSS and path traversal in path, query and body', async () => {
    await get('/stories/1?q=%27%20OR%20%271%27%3D%271');
    await get('/stories/..%2F..%2Fetc%2Fpasswd');
    await call(port, '/stories', { method: 'POST', body: { title: '<script>alert(1)</script>' } });
    await call(port, '/stories', { method: 'POST', body: { title: 'Select a hero from the list' } });
    const flagged = published.map((event) => `${event.kind}@${event.location}`).sort();
    expect(flagged).toEqual(['path_traversal@path', 'sql_injection@query', 'xss@body']);
    expect(published.find((e) => e.kind === 'xss')?.route).toBe('/stories');
  });
});
