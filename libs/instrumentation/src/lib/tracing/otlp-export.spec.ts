import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runTestApp } from '../../test-support/fork-app';
import { startOtlpReceiver } from '../../test-support/otlp-receiver';

/** Runs otlp-export-app.ts with `env`, exporting on a short batch delay; returns its log lines. */
function runExportApp(env: Record<string, string>): Promise<string> {
  return runTestApp('otlp-export-app.ts', { OTEL_BSP_SCHEDULE_DELAY: '50', ...env });
}

/** A loopback port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

describe('tracing: OTLP/HTTP export from a real process', () => {
  it('sends spans as protobuf, OTLP’s default encoding', async () => {
    const receiver = await startOtlpReceiver();
    try {
      await runExportApp({ OTLP_URL: receiver.url });
      expect(receiver.received).toHaveLength(1);
      const [sent] = receiver.received;
      expect(sent?.contentType).toBe('application/x-protobuf');
      // Protobuf keeps strings as UTF-8 bytes: the span and service names are in the body as written.
      expect(sent?.body.includes('chapter-written')).toBe(true);
      expect(sent?.body.includes('story-api')).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 30_000);

  it('sends JSON when OTEL_EXPORTER_OTLP_PROTOCOL asks for http/json', async () => {
    const receiver = await startOtlpReceiver();
    try {
      await runExportApp({ OTLP_URL: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
      const [sent] = receiver.received;
      expect(sent?.contentType).toBe('application/json');
      const request = JSON.parse(String(sent?.body)) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
      };
      expect(request.resourceSpans[0]?.scopeSpans[0]?.spans.map((span) => span.name)).toEqual([
        'chapter-written',
      ]);
    } finally {
      await receiver.close();
    }
  }, 30_000);

  it('logs a failed export as an error line of the service instead of losing it silently', async () => {
    const out = await runExportApp({
      OTLP_URL: `http://127.0.0.1:${await closedPort()}/v1/traces`,
      // Retries stop at the export timeout; the spec needs the first failure, not the whole schedule.
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
    });
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const diagnostic = lines.find((line) => line['component'] === 'opentelemetry');
    expect(diagnostic).toMatchObject({ service: 'story-api', level: 50 });
    expect(String(diagnostic?.['msg'])).toContain('ECONNREFUSED');
  }, 30_000);
});
