/**
 * PromQL benchmark: the NEO collector's query API against Prometheus 2.42, same data, one run, both over
 * HTTP on loopback. Run from the repository root (`npm run bench promql` builds the collector first):
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register bench/promql/promql-bench.ts
 * Options: --sizes=1000,10000  --runs=7  --port=19098 (Prometheus; the collector takes port+1)
 *   --collector=dist|src (dist/apps/collector/main.js, default, or the sources through @swc-node/register)
 *   --collector-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the collector's queries)
 *   --no-prometheus (NEO only)  --only=<substring> (time only the queries containing it)
 *
 * For each size N: N counter series (N/10 targets x 10 routes), N histogram bucket series (N/10 targets x
 * 10 buckets), one gauge and one `up` per target, 1 h at 15 s (see bench-data.ts). The same remote_write
 * requests load Prometheus and a collector started on a fresh data dir (POST /api/v1/write, 500 series a
 * request). Before timing, every query's answer from the collector is checked against the engine run
 * in-process over an in-memory store (identical JSON) and against Prometheus (same series, values within
 * 1e-6; for topk the values picked per step, since ties within float rounding may pick other series): the
 * benchmark fails loudly if they differ.
 * Timed: GET /api/v1/query_range with the response body read, on both servers alike (parse, evaluation,
 * JSON encoding and transfer included). Medians of --runs after a warm-up, the two servers' runs
 * interleaved; the CPU columns are the mean CPU time each server process used per query (/proc, all
 * threads, 10 ms ticks: Prometheus' Go runtime may run several threads for one query).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, formatQueryData } from '@neo/promql';
import { remoteWrite, WriteSeries } from '../../libs/promql/src/test-support/remote-write';
import { END, generate, memoryStore, POINTS, ROUTES, START, STEP } from './bench-data';
import { matrixDiff, matrixOf, stepValuesDiff } from './matrix-compare';
import { processCpuMs, Server, startCollector, startPrometheus } from './servers';

const QUERIES = [
  'sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'topk(5, rate(http_requests_total[5m]))',
  'avg_over_time(process_resident_memory_bytes[5m])',
  'up == 0',
];
/** Extra queries only for the correctness checks (raw samples, instant-style functions). */
const CHECK_ONLY = [
  'http_requests_total{route="r3"}',
  'increase(http_request_duration_seconds_bucket{le="+Inf"}[10m])',
  'max_over_time(up[15m]) - min_over_time(up[15m])',
];

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
}

async function load(base: string, data: readonly WriteSeries[]): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await remoteWrite(`${base}/api/v1/write`, data.slice(i, i + 500));
  }
}

function rangeParams(query: string): string {
  return new URLSearchParams({
    query,
    start: String(START / 1000),
    end: String(END / 1000),
    step: String(STEP / 1000),
  }).toString();
}

/** One range query over HTTP, body read: what is timed, on both servers. */
async function httpRange(server: Server, query: string): Promise<string> {
  const res = await fetch(`${server.base}/api/v1/query_range?${rangeParams(query)}`);
  const body = await res.text();
  if (res.status !== 200) {
    throw new Error(`${server.base} answered ${res.status} for ${query}: ${body}`);
  }
  return body;
}

const engine = createEngine();

async function check(
  prom: Server | undefined,
  neo: Server,
  mem: ReturnType<typeof memoryStore>,
): Promise<void> {
  for (const q of [...QUERIES, ...CHECK_ONLY]) {
    const fromCollector = await httpRange(neo, q);
    const fromMemory = JSON.stringify({
      status: 'success',
      data: formatQueryData(engine.rangeQuery(mem, q, START, END, STEP)),
    });
    if (fromCollector !== fromMemory) {
      throw new Error(`the collector's answer differs from the in-memory engine's for ${q}`);
    }
    const ours = matrixOf(fromCollector);
    if (ours.size === 0) {
      throw new Error(`empty answer for ${q}: the benchmark would measure nothing`);
    }
    if (prom === undefined) {
      continue;
    }
    const theirs = matrixOf(await httpRange(prom, q));
    // topk picks among values equal to within float rounding (rate's arithmetic differs from Go's in the
    // last bit); there only the values chosen per step must agree, not which of the tied series won.
    const d = q.startsWith('topk') ? stepValuesDiff(ours, theirs) : matrixDiff(ours, theirs);
    if (d !== undefined) {
      throw new Error(`NEO differs from Prometheus for ${q}: ${d}`);
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Timing {
  /** Median wall time of the request, ms. */
  wall: number;
  /** Mean CPU time of the server process per request, ms. */
  cpu: number;
}

/** Times one request: wall clock here, CPU time of the server process from /proc. */
async function timeOne(server: Server, query: string, wall: number[], cpu: number[]): Promise<void> {
  const c = processCpuMs(server.pid);
  const t = performance.now();
  await httpRange(server, query);
  wall.push(performance.now() - t);
  cpu.push(processCpuMs(server.pid) - c);
}

/** Both servers, `runs` requests each after one warm-up each, alternating so machine load hits both alike. */
async function timeQuery(
  runs: number,
  query: string,
  prom: Server | undefined,
  neo: Server,
): Promise<[Timing | undefined, Timing]> {
  if (prom !== undefined) {
    await httpRange(prom, query);
  }
  await httpRange(neo, query);
  const pw: number[] = [];
  const pc: number[] = [];
  const nw: number[] = [];
  const nc: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (prom !== undefined) {
      await timeOne(prom, query, pw, pc);
    }
    await timeOne(neo, query, nw, nc);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [
    prom === undefined ? undefined : { wall: median(pw), cpu: mean(pc) },
    { wall: median(nw), cpu: mean(nc) },
  ];
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Servers started and not yet stopped, for the signal handler. */
const running = new Set<Server>();

async function started(server: Promise<Server>): Promise<Server> {
  const s = await server;
  running.add(s);
  return s;
}

async function stopped(server: Server | undefined): Promise<void> {
  if (server !== undefined) {
    running.delete(server);
    await server.stop();
  }
}

interface Options {
  readonly runs: number;
  readonly port: number;
  readonly withProm: boolean;
  readonly collector: 'dist' | 'src';
  readonly collectorNodeArgs: readonly string[];
  readonly only: string;
}

async function benchSize(n: number, o: Options): Promise<void> {
  const promDir = mkdtempSync(join(tmpdir(), 'neo-promql-bench-prom-'));
  const neoDir = mkdtempSync(join(tmpdir(), 'neo-promql-bench-neo-'));
  let prom: Server | undefined;
  let neo: Server | undefined;
  try {
    let t = performance.now();
    const data = generate(n);
    const samples = data.length * POINTS;
    console.log(
      `\n== ${n} counter + ${n} bucket series (+${(2 * n) / ROUTES} gauge/up), ${data.length} series, ` +
        `${samples.toLocaleString('en-US')} samples, generated in ${Math.round(performance.now() - t)} ms`,
    );
    if (o.withProm) {
      prom = await started(Promise.resolve(startPrometheus(o.port, promDir)));
      t = performance.now();
      await load(prom.base, data);
      console.log(`loaded into Prometheus 2.42 by remote_write in ${Math.round(performance.now() - t)} ms`);
    }
    neo = await started(startCollector(o.port + 1, neoDir, o.collector, o.collectorNodeArgs));
    t = performance.now();
    await load(neo.base, data);
    console.log(
      `loaded into the NEO collector (${o.collector}) by remote_write in ${Math.round(performance.now() - t)} ms`,
    );
    const mem = memoryStore(data);
    t = performance.now();
    await check(prom, neo, mem);
    console.log(
      `checked: collector == in-process engine over in-memory data (identical JSON)` +
        (o.withProm ? ' and == Prometheus (1e-6; topk: values per step)' : '') +
        ` for ${QUERIES.length + CHECK_ONLY.length} queries in ${Math.round(performance.now() - t)} ms`,
    );
    console.log(
      `GET /api/v1/query_range ${new Date(START).toISOString()} + 1h, step 15s; wall: median of ${o.runs} ` +
        'after a warm-up, servers interleaved; CPU: mean server-process CPU time per request',
    );
    console.log(
      `${pad('query', 92)} ${pad('Prometheus', 11)} ${pad('NEO', 11)} ${pad('NEO/Prom', 9)} ` +
        `${pad('Prom CPU', 10)} NEO CPU`,
    );
    for (const q of QUERIES.filter((x) => x.includes(o.only))) {
      const [p, x] = await timeQuery(o.runs, q, prom, neo);
      const ms = (v: number) => `${v.toFixed(1)} ms`;
      console.log(
        `${pad(q, 92)} ${pad(p ? ms(p.wall) : '-', 11)} ${pad(ms(x.wall), 11)} ` +
          `${pad(p ? (x.wall / p.wall).toFixed(2) : '-', 9)} ${pad(p ? ms(p.cpu) : '-', 10)} ${ms(x.cpu)}`,
      );
    }
  } finally {
    await stopped(prom);
    await stopped(neo);
    rmSync(promDir, { recursive: true, force: true });
    rmSync(neoDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '1000,10000').split(',').map(Number);
  const collector = arg('collector', 'dist');
  if (collector !== 'dist' && collector !== 'src') {
    throw new Error('--collector must be dist or src');
  }
  const nodeArgs = arg('collector-node-args', '');
  const options: Options = {
    runs: Number(arg('runs', '7')),
    port: Number(arg('port', '19098')),
    withProm: !process.argv.includes('--no-prometheus'),
    collector,
    collectorNodeArgs: nodeArgs === '' ? [] : nodeArgs.split(' '),
    only: arg('only', ''),
  };
  console.log(
    'PromQL benchmark. Both sides over HTTP on loopback: Prometheus 2.42 and the NEO collector ' +
      '(its own process), GET /api/v1/query_range, response body read (parse, evaluation, JSON, transfer).',
  );
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
    });
  }
  for (const n of sizes) {
    await benchSize(n, options);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
