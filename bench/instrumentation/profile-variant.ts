/**
 * Where does a variant's time per request go? Starts one bench server (bare, observed or traced), warms it up,
 * then records a CPU profile of a measured autocannon run only and prints the request count to divide by.
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json BENCH_PROFILE_DIR=/tmp \
 *     node -r @swc-node/register bench/instrumentation/profile-variant.ts observed
 * Spans go to BENCH_OTLP (default: a closed port, so exports fail fast); point it at a sink to profile
 * export too. Open the .cpuprofile in Chrome DevTools or any profile viewer. Not part of `npm run bench`.
 * BENCH_PROFILE_KIND=alloc records allocations instead and prints the bytes allocated per request, in all and
 * by the functions allocating most (BENCH_TOP of them, default 20). Other knobs as for the bench
 * (BENCH_SAMPLE_RATIO, BENCH_NO_EXPORT, ...), taken from the environment.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Variant } from './bench-server';

/** A node of a sampling heap profile, as the inspector writes it. */
interface AllocationNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly AllocationNode[];
}

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
    new Promise<string | undefined>((ok) => {
      const onMessage = (answer: { profiled?: string; file?: string }) => {
        if (answer.profiled !== message) return;
        child.off('message', onMessage);
        ok(answer.file);
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
  const file = await step('profile-stop');
  process.stdout.write(`${variant}: ${result.requests.total} requests profiled\n`);
  if (file?.endsWith('.heapprofile')) printAllocations(file, result.requests.total);
  child.kill('SIGINT');
}

function printAllocations(file: string, requests: number): void {
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: AllocationNode };
  const bySite = new Map<string, number>();
  let total = 0;
  const visit = (node: AllocationNode) => {
    if (node.selfSize > 0) {
      const { functionName, url, lineNumber } = node.callFrame;
      const site = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    node.children.forEach(visit);
  };
  visit(head);
  const perRequest = (bytes: number) => String(Math.round(bytes / Math.max(requests, 1))).padStart(8);
  process.stdout.write(`${perRequest(total)} bytes allocated per request\n`);
  [...bySite]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env['BENCH_TOP'] ?? 20))
    .forEach(([site, bytes]) => process.stdout.write(`${perRequest(bytes)}  ${site}\n`));
}

void main((process.argv[2] ?? 'observed') as Variant);
