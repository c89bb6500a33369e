/**
 * Where does a variant's time per request go? Starts one bench server (bare, observed or traced), warms it up,
 * then records a CPU profile of a measured autocannon run only and prints the request count to divide by.
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json BENCH_PROFILE_DIR=/tmp \
 *     node -r @swc-node/register bench/instrumentation/profile-variant.ts observed
 * Spans go to BENCH_OTLP (default: a closed port, so exports fail fast); point it at a sink to profile
 * export too. Open the .cpuprofile in Chrome DevTools or any profile viewer. Not part of `npm run bench`.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { Variant } from './bench-server';

async function main(variant: Variant): Promise<void> {
  const child = fork(
    join(__dirname, 'bench-server.ts'),
    [variant, process.env['BENCH_OTLP'] ?? 'http://127.0.0.1:9/v1/traces'],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((ok) =>
    child.once('message', (message: { port: number }) => ok(message.port)),
  );
  const step = (message: string) =>
    new Promise<void>((ok) => {
      const onMessage = (answer: { profiled?: string }) => {
        if (answer.profiled !== message) return;
        child.off('message', onMessage);
        ok();
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const url = `http://127.0.0.1:${port}/hello`;
  await autocannon({ url, connections: 50, duration: 3 });
  await step('profile-start');
  const result = await autocannon({
    url,
    connections: 50,
    duration: Number(process.env['BENCH_DURATION'] ?? 8),
  });
  await step('profile-stop');
  process.stdout.write(`${variant}: ${result.requests.total} requests profiled\n`);
  child.kill('SIGINT');
}

void main((process.argv[2] ?? 'observed') as Variant);
