/**
 * remote_write ingest: one sequential sender, 2,200 series x 20 samples per request (44,000 samples), the same
 * pre-encoded requests to Prometheus 2.42 and to the NEO collector, in one run. Run from the repository root:
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register bench/remote-write/remote-write-bench.ts
 * The collector runs as its own process (apps/collector/src/main.ts through @swc-node/register, or
 * dist/apps/collector/main.js when NEO_COLLECTOR_MAIN points at it) with a fresh NEO_DATA_DIR, as deployed,
 * so both servers have the whole machine and the sender's cost is the same for both.
 * Env: REQUESTS (default 60), REDIS_URL (default redis://127.0.0.1:6379).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeRemoteWriteBody,
  REMOTE_WRITE_HEADERS,
} from '../../apps/collector/src/remote-write/write-request-encoder';

const SERIES = 2_200;
const SAMPLES_PER_SERIES = 20;
const REQUESTS = Number(process.env['REQUESTS'] ?? 60);
const STEP_MS = 1_000;
const ROOT = join(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Series shaped like a real exporter's: a histogram-ish name, job, instance and two more labels. */
function bodies(startMs: number): Uint8Array[] {
  const labels = Array.from({ length: SERIES }, (_, i) => ({
    __name__: `bench_metric_${i % 50}`,
    job: 'bench',
    instance: `host-${i % 20}:9100`,
    shard: String(Math.floor(i / 1000)),
    series: String(i),
  }));
  const result: Uint8Array[] = [];
  for (let r = 0; r < REQUESTS; r++) {
    const timestamps = Array.from(
      { length: SAMPLES_PER_SERIES },
      (_, k) => startMs + (r * SAMPLES_PER_SERIES + k) * STEP_MS,
    );
    result.push(
      encodeRemoteWriteBody(
        labels.map((l, i) => ({
          labels: l,
          timestamps,
          values: timestamps.map((t) => (i * 7 + t / STEP_MS) % 1000),
        })),
      ),
    );
  }
  return result;
}

async function waitReady(url: string, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child && child.exitCode !== null) throw new Error(`collector exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after 30 s`);
}

/** Sends every body in order, one at a time; returns seconds taken. Any non-2xx answer aborts the bench. */
async function push(url: string, all: readonly Uint8Array[]): Promise<number> {
  const started = process.hrtime.bigint();
  for (const body of all) {
    const response = await fetch(url, { method: 'POST', headers: REMOTE_WRITE_HEADERS, body });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neo-rw-bench-'));
  const promPort = await freePort();
  const neoPort = await freePort();
  const start = Date.now() - REQUESTS * SAMPLES_PER_SERIES * STEP_MS - 60_000;
  const all = bodies(start);
  const samples = REQUESTS * SERIES * SAMPLES_PER_SERIES;
  console.log(
    `${REQUESTS} requests x ${SERIES} series x ${SAMPLES_PER_SERIES} samples = ${samples.toLocaleString('en-US')} samples`,
  );

  execFileSync(join(ROOT, 'tools/prometheus/start.sh'), [String(promPort), join(dir, 'prom')], {
    stdio: 'inherit',
  });
  const config = join(dir, 'collector.yaml');
  writeFileSync(config, 'scrape_configs: []\n');
  const main = process.env['NEO_COLLECTOR_MAIN'];
  const args = main ? [main] : ['-r', '@swc-node/register', join(ROOT, 'apps/collector/src/main.ts')];
  const collector = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'tsconfig.typecheck.json',
      NEO_COLLECTOR_CONFIG: config,
      NEO_COLLECTOR_PORT: String(neoPort),
      NEO_DATA_DIR: join(dir, 'neo-data'),
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      NEO_CHANNEL_PREFIX: `bench-${process.pid}`,
      NEO_LOG_LEVEL: 'warn',
    },
  });
  try {
    await waitReady(`http://127.0.0.1:${neoPort}/health/live`, collector);
    const promSeconds = await push(`http://127.0.0.1:${promPort}/api/v1/write`, all);
    const neoSeconds = await push(`http://127.0.0.1:${neoPort}/api/v1/write`, all);
    const rate = (s: number) => Math.round(samples / s).toLocaleString('en-US');
    console.log(`prometheus 2.42: ${promSeconds.toFixed(2)} s, ${rate(promSeconds)} samples/s`);
    console.log(`neo collector:   ${neoSeconds.toFixed(2)} s, ${rate(neoSeconds)} samples/s`);
    console.log(`ingest time ratio neo/prometheus: ${(neoSeconds / promSeconds).toFixed(2)} (target <= 1.0)`);
  } finally {
    collector.kill('SIGTERM');
    execFileSync(join(ROOT, 'tools/prometheus/start.sh'), ['stop', join(dir, 'prom')]);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
