/**
 * A Nest service started the way a user's main.ts does it — `setupTracing()` from the library's public
 * index, which itself loads `@nestjs/core`, then the app — in its own process, because the framework
 * instrumentations patch modules as Node loads them (Jest's module loader bypasses that). Records spans in memory with no new roots sampled, so only requests with a sampled
 * `traceparent` are recorded. Talks to the spec over IPC: sends `{ port }`, answers `'report'` with the
 * finished spans and the log lines.
 */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { setupTracing } from '../index';
import { LogCapture } from './log-capture';

export interface ReportedSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly kind: number;
  readonly route?: unknown;
  readonly urlFull?: unknown;
  readonly attributes: Record<string, unknown>;
  readonly status: { code: number; message?: string };
  readonly events: string[];
}

export interface AppReport {
  readonly spans: ReportedSpan[];
  readonly logs: Array<Record<string, unknown>>;
  /** For each Express router layer, whether its `handle.stack` can still be read through the instrumentation. */
  readonly routerStacksVisible: boolean[];
}

const exporter = new InMemorySpanExporter();
const tracing = setupTracing({ serviceName: 'story-api', exporter, sampleRatio: 0 });

async function main(): Promise<void> {
  // Loaded only now, after the SDK has hooked module loading: this is what gets Nest and Express patched.
  const { NestFactory } = await import('@nestjs/core');
  const { tracedAppModule } = await import('./traced-nest-app.module');
  const logs = new LogCapture();
  const app = await NestFactory.create(tracedAppModule(logs), { logger: false });
  await app.listen(0, '127.0.0.1');
  // Tools that list an app's routes walk each router layer's `handle.stack`.
  const expressApp = app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ name: string; handle: { stack?: unknown } }> };
  };
  const routerStacksVisible = expressApp.router.stack
    .filter((layer) => layer.name === 'router')
    .map((layer) => Array.isArray(layer.handle.stack));
  process.on('message', (message: unknown) => {
    if (message !== 'report') return;
    void tracing.flush().then(() => {
      const report: AppReport = {
        spans: exporter.getFinishedSpans().map((span) => ({
          name: span.name,
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
          parentSpanId: span.parentSpanContext?.spanId,
          kind: span.kind,
          route: span.attributes['http.route'],
          urlFull: span.attributes['url.full'],
          attributes: { ...span.attributes },
          status: { ...span.status },
          events: span.events.map((event) => event.name),
        })),
        logs: logs.lines,
        routerStacksVisible,
      };
      process.send?.(report);
    });
  });
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
  process.send?.({ port: (app.getHttpServer().address() as { port: number }).port });
}

main().catch((error: unknown) => {
  process.stderr.write(`traced-nest-app failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
