/**
 * A process that loads ioredis before `setupTracing` — as a service does whose imports pull in its Redis
 * client first — then runs two commands inside a recorded span and prints the names of the finished spans
 * as one JSON line. Run by preloaded-packages.spec.ts: instrumentations patch modules as Node loads them,
 * which Jest's module loader bypasses.
 */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { connectTestRedis } from './redis';
import { setupTracing } from '../index';

async function main(): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const tracing = setupTracing({ serviceName: 'story-api', exporter });
  const redis = await connectTestRedis();
  const key = `neo:spec:preloaded:${process.pid}`;
  await trace.getTracer('spec').startActiveSpan('write-chapter', async (span) => {
    await redis.set(key, 'draft', 'EX', 60);
    await redis.get(key);
    span.end();
  });
  await tracing.flush();
  process.stdout.write(`${JSON.stringify(exporter.getFinishedSpans().map((span) => span.name))}\n`);
  redis.disconnect();
  await tracing.shutdown();
}

main().catch((error: unknown) => {
  process.stderr.write(`preloaded-redis-app failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
