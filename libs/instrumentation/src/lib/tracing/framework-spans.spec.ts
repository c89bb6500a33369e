import type { ChildProcess } from 'node:child_process';
import { forkTestApp } from '../../test-support/fork-app';
import { call } from '../../test-support/http';
import type { AppReport } from '../../test-support/traced-nest-app';

const SAMPLED_PARENT = '4bf92f3577b34da6a3ce929d0e0e4736';
const UNSAMPLED_PARENT = '0af7651916cd43dd8448eb211c80319c';

/**
 * Express and Nest spans come from OpenTelemetry's instrumentations, which patch modules as Node loads them,
 * so the service runs in a child process started like a real one (setupTracing before Nest).
 */
describe('tracing: Express and Nest spans in a real process, recorded for sampled requests only', () => {
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    child = forkTestApp('traced-nest-app.ts', { stdout: 'ignore' });
    port = await new Promise<number>((ok, fail) => {
      child.once('message', (message) => ok((message as { port: number }).port));
      child.once('exit', (code) => fail(new Error(`traced app exited with ${code}`)));
    });
  }, 60_000);

  afterAll(() => {
    child.disconnect();
  });

  const report = (): Promise<AppReport> =>
    new Promise((ok) => {
      child.once('message', (message) => ok(message as AppReport));
      child.send('report');
    });

  it('gives a sampled request route and handler spans under its server span, and records nothing else', async () => {
    const sampled = JSON.parse(
      (
        await call(port, '/stories/1?token=s3cr3t-value&page=2', {
          headers: { traceparent: `00-${SAMPLED_PARENT}-00f067aa0ba902b7-01` },
        })
      ).body,
    ) as { traceparent: string };
    const fresh = JSON.parse((await call(port, '/stories/2')).body) as { traceparent: string };
    const continued = JSON.parse(
      (
        await call(port, '/stories/3', {
          headers: { traceparent: `00-${UNSAMPLED_PARENT}-b7ad6b7169203331-00`, tracestate: 'vendor=abc' },
        })
      ).body,
    ) as { traceparent: string; tracestate: string | null };
    const { spans, logs } = await report();

    // Only the sampled request was recorded: the server span, Express's route span, Nest's two spans.
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([SAMPLED_PARENT]));
    const server = spans.find((span) => span.kind === 1);
    expect(server).toMatchObject({ name: 'GET /stories/:id', parentSpanId: '00f067aa0ba902b7' });
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const underServer = (spanName: string) => {
      const span = spans.find((candidate) => candidate.name === spanName);
      expect(span).toBeDefined();
      let parent = span?.parentSpanId;
      while (parent !== undefined && parent !== server?.spanId) parent = byId.get(parent)?.parentSpanId;
      return parent === server?.spanId;
    };
    expect(spans.map((span) => span.name)).toEqual(
      expect.arrayContaining(['request handler', 'StoriesController.get', 'get']),
    );
    expect(spans.find((span) => span.name === 'request handler')?.route).toBe('/stories/:id');
    expect(underServer('request handler')).toBe(true);
    expect(underServer('StoriesController.get')).toBe(true);
    expect(underServer('get')).toBe(true);
    // Nest records the full URL; secrets in it are scrubbed as in the logs before any exporter sees them.
    const nestRequest = spans.find((span) => span.name === 'StoriesController.get');
    expect(nestRequest?.urlFull).toBe('/stories/1?token=[redacted]&page=2');
    // The attributes OpenTelemetry's instrumentations give these spans, which dashboards and queries rely on.
    expect(spans.find((span) => span.name === 'request handler')?.attributes).toEqual({
      'http.route': '/stories/:id',
      'express.name': '/stories/:id',
      'express.type': 'request_handler',
    });
    expect(nestRequest?.attributes).toEqual({
      component: '@nestjs/core',
      'nestjs.version': expect.stringMatching(/^11\./),
      'nestjs.type': 'request_context',
      'nestjs.controller': 'StoriesController',
      'nestjs.callback': 'get',
      'http.route': '/stories/:id',
      'http.request.method': 'GET',
      'url.full': '/stories/1?token=[redacted]&page=2',
    });
    expect(spans.find((span) => span.name === 'get')?.attributes).toEqual({
      component: '@nestjs/core',
      'nestjs.version': expect.stringMatching(/^11\./),
      'nestjs.type': 'handler',
      'nestjs.callback': 'get',
    });
    expect(spans.every((span) => span.status.code !== 2)).toBe(true);
    expect(sampled.traceparent).toMatch(new RegExp(`^00-${SAMPLED_PARENT}-[0-9a-f]{16}-01$`));

    // The unsampled ones still have a trace id on their log lines, passed on as not sampled.
    const access = logs.filter((line) => line['msg'] === 'request completed');
    expect(access).toHaveLength(3);
    const [, freshLine, continuedLine] = access;
    expect(freshLine?.['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(freshLine?.['span_id']).toMatch(/^[0-9a-f]{16}$/);
    expect(fresh.traceparent).toBe(
      `00-${String(freshLine?.['trace_id'])}-${String(freshLine?.['span_id'])}-00`,
    );
    expect(continuedLine?.['trace_id']).toBe(UNSAMPLED_PARENT);
    expect(continued.traceparent).toBe(`00-${UNSAMPLED_PARENT}-${String(continuedLine?.['span_id'])}-00`);
    expect(continued.traceparent).toMatch(new RegExp(`^00-${UNSAMPLED_PARENT}-[0-9a-f]{16}-00$`));
    expect(continued.tracestate).toBe('vendor=abc');
  }, 30_000);

  it("records a failing handler and a guard's refusal on the spans of a sampled request", async () => {
    const sampledHeaders = (traceId: string) => ({
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const failing = '5bf92f3577b34da6a3ce929d0e0e4736';
    const guarded = '6bf92f3577b34da6a3ce929d0e0e4736';
    expect((await call(port, '/stories/1/fail', sampledHeaders(failing))).status).toBe(500);
    // The guard reads its metadata from the handler Nest was given: a 403 shows the traced handler kept it.
    expect((await call(port, '/stories/1/guarded', sampledHeaders(guarded))).status).toBe(403);
    const { spans } = await report();

    const of = (traceId: string, name: string) =>
      spans.find((span) => span.traceId === traceId && span.name === name);
    for (const name of ['fail', 'StoriesController.fail']) {
      expect(of(failing, name)).toMatchObject({
        status: { code: 2, message: 'story store unavailable' },
        events: ['exception'],
      });
    }
    expect(of(failing, 'GET /stories/:id/fail')?.status.code).toBe(2);
    expect(of(guarded, 'StoriesController.guarded')).toMatchObject({
      status: { code: 2, message: 'Forbidden resource' },
      events: ['exception'],
    });
    // The controller method never ran, so it has no span.
    expect(of(guarded, 'guarded')).toBeUndefined();
    expect(of(guarded, 'request handler')?.attributes['http.route']).toBe('/stories/:id/guarded');
  }, 30_000);

  it('names the route span of a plain Express router by its whole template, and keeps the router walkable', async () => {
    const traceId = '7bf92f3577b34da6a3ce929d0e0e4736';
    const response = await call(port, '/legacy/items/42', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(JSON.parse(response.body)).toEqual({ id: '42' });
    const { spans, routerStacksVisible } = await report();

    const route = spans.find((span) => span.traceId === traceId && span.name.startsWith('request handler'));
    expect(route?.attributes).toMatchObject({
      'http.route': '/legacy/items/:id',
      'express.type': 'request_handler',
    });
    expect(spans.find((span) => span.traceId === traceId && span.kind === 1)?.name).toBe(
      'GET /legacy/items/:id',
    );
    expect(routerStacksVisible).toEqual([true]);
  }, 30_000);

  it("names a router's root route by its mount path, as upstream does", async () => {
    const traceId = '8bf92f3577b34da6a3ce929d0e0e4736';
    await call(port, '/legacy', { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const { spans } = await report();
    const route = spans.find((span) => span.traceId === traceId && span.name.startsWith('request handler'));
    expect(route?.attributes['http.route']).toBe('/legacy');
  }, 30_000);

  it('lets a route that passes the request on hand its context to the next one, sampled or not', async () => {
    const sampled = await call(port, '/legacy/chain', {
      headers: { traceparent: '00-9bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    const unsampled = await call(port, '/legacy/chain');
    expect(JSON.parse(sampled.body)).toEqual({ step: 'first' });
    expect(JSON.parse(unsampled.body)).toEqual({ step: 'first' });
  }, 30_000);
});
