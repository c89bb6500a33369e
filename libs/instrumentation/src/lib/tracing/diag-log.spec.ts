import { trace } from '@opentelemetry/api';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LogCapture } from '../../test-support/log-capture';
import { waitFor } from '../../test-support/wait-for';
import { setupTracing } from './setup-tracing';

/** A loopback port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

describe('tracing: OpenTelemetry diagnostics', () => {
  const scheduleDelay = process.env['OTEL_BSP_SCHEDULE_DELAY'];
  beforeAll(() => {
    // The batch processor reads its delay from the environment; the spec waits for its export, not 5 s.
    process.env['OTEL_BSP_SCHEDULE_DELAY'] = '50';
  });
  afterAll(() => {
    if (scheduleDelay === undefined) delete process.env['OTEL_BSP_SCHEDULE_DELAY'];
    else process.env['OTEL_BSP_SCHEDULE_DELAY'] = scheduleDelay;
  });

  it('writes a failed span export as an error line of the service, not nowhere', async () => {
    const logs = new LogCapture();
    const tracing = setupTracing({
      serviceName: 'story-api',
      otlpEndpoint: `http://127.0.0.1:${await closedPort()}/v1/traces`,
      sampleRatio: 1,
      logDestination: logs,
      env: {},
    });
    try {
      trace.getTracer('spec').startSpan('lost').end();
      await waitFor(() => logs.lines.some((line) => line['component'] === 'opentelemetry'), {
        description: 'an opentelemetry diagnostic line',
        timeoutMs: 10_000,
      });
      const line = logs.lines.find((candidate) => candidate['component'] === 'opentelemetry');
      expect(line).toMatchObject({ service: 'story-api', level: 50 });
      expect(String(line?.['msg'])).toMatch(/ECONNREFUSED|export/i);
    } finally {
      await tracing.shutdown();
    }
  }, 20_000);
});
