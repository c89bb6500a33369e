/**
 * One benchmark server, forked by instrumentation-bench.ts: the demo's hello route on bare Nest, with the
 * library's metrics + logging, or with tracing too. Reports its port over IPC.
 */
import type { DynamicModule } from '@nestjs/common';

export type Variant = 'bare' | 'observed' | 'traced';

async function main(variant: Variant, otlpEndpoint: string): Promise<void> {
  // Tracing first, before Nest and express are loaded, exactly as a service's main.ts does it.
  if (variant === 'traced') {
    const { setupTracing } = await import('@neo/instrumentation');
    // Knobs for finding where tracing's cost goes (sample ratio, instrumentations off, BENCH_NO_EXPORT: spans
    // made but not exported); the reported run uses the library's defaults.
    const ratio = process.env['BENCH_SAMPLE_RATIO'];
    const disable = (process.env['BENCH_TRACING_DISABLE'] ?? '').split(/[,+]/).filter(Boolean) as Parameters<
      typeof setupTracing
    >[0]['disable'];
    setupTracing({
      serviceName: 'bench',
      ...(process.env['BENCH_NO_EXPORT'] ? {} : { otlpEndpoint }),
      ...(ratio !== undefined ? { sampleRatio: Number(ratio) } : {}),
      ...(disable && disable.length > 0 ? { disable } : {}),
    });
  }
  const { NestFactory } = await import('@nestjs/core');
  const { HelloModule } = await import('../../apps/novel-engine-demo/src/hello/hello.module');
  let root: DynamicModule = { module: HelloModule };
  if (variant !== 'bare') {
    const { ObservabilityModule } = await import('@neo/instrumentation');
    const { Module } = await import('@nestjs/common');
    class BenchModule {}
    Module({})(BenchModule);
    root = {
      module: BenchModule,
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'bench',
          logLevel: 'info',
          ...JSON.parse(process.env['BENCH_OBS'] ?? '{}'),
        }),
        HelloModule,
      ],
    };
  }
  const app = await NestFactory.create(root, { logger: false });
  // AsyncLocalStorage alone, entered per request as tracing does, without OpenTelemetry: what Node 20's
  // async hooks cost a variant (BENCH_ALS=1), to tell that floor apart from the spans' own cost.
  if (process.env['BENCH_ALS']) {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const storage = new AsyncLocalStorage<object>();
    app.use((_req: unknown, _res: unknown, next: () => void) => storage.run({}, next));
  }
  if (variant !== 'bare') {
    const { PinoNestLogger } = await import('@neo/instrumentation');
    app.useLogger(app.get(PinoNestLogger));
  }
  await app.listen(Number(process.env['BENCH_PORT'] ?? 0), '127.0.0.1');
  // A clean exit on SIGINT lets `node --cpu-prof` write its profile when profiling one variant by hand.
  process.once('SIGINT', () => process.exit(0));
  const address = app.getHttpServer().address() as { port: number };
  // CPU time is the contention-proof figure on a shared machine: the parent asks before and after a run.
  process.on('message', (message: unknown) => {
    if (message === 'profile-start' || message === 'profile-stop') {
      void profile(message).then((file) => process.send?.({ profiled: message, file }));
      return;
    }
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
  });
  process.send?.({ port: address.port });
}

// `profile-start` / `profile-stop` over IPC: a profile of the measured window only (no start-up, no
// warm-up), written to BENCH_PROFILE_DIR, for finding where a variant's time per request goes. With
// BENCH_PROFILE_KIND=alloc it is a sampling heap profile of every allocation instead, collected or not: bytes
// allocated per request do not move with whatever else runs on the machine, as CPU time does, so small changes
// show in them that a shared machine's timing noise hides. The file's path goes back with the reply.
let session: import('node:inspector').Session | undefined;
async function profile(step: 'profile-start' | 'profile-stop'): Promise<string | undefined> {
  const { Session } = await import('node:inspector');
  const allocations = process.env['BENCH_PROFILE_KIND'] === 'alloc';
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((ok, fail) =>
      (session as import('node:inspector').Session).post(method, params, (error, result) =>
        error ? fail(error) : ok(result),
      ),
    );
  if (step === 'profile-start') {
    session = new Session();
    session.connect();
    if (allocations) {
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', {
        samplingInterval: 512,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    } else {
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    return undefined;
  }
  const { profile: taken } = (await post(allocations ? 'HeapProfiler.stopSampling' : 'Profiler.stop')) as {
    profile: unknown;
  };
  const { writeFileSync } = await import('node:fs');
  const dir = process.env['BENCH_PROFILE_DIR'] ?? '.';
  const file = `${dir}/${process.argv[2]}-${Date.now()}.${allocations ? 'heapprofile' : 'cpuprofile'}`;
  writeFileSync(file, JSON.stringify(taken));
  session?.disconnect();
  return file;
}

const [variant, otlpEndpoint] = process.argv.slice(2) as [Variant, string];
main(variant, otlpEndpoint).catch((error: unknown) => {
  process.stderr.write(`bench server ${variant} failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
