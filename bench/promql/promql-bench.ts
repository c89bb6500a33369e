/**
 * PromQL benchmark: NEO's engine over a real @neo/tsdb store against Prometheus 2.42, same data, one run.
 * Run from the repository root:
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register bench/promql/promql-bench.ts
 * Options: --sizes=1000,10000  --runs=5  --port=19098  --no-prometheus (NEO only, e.g. for --cpu-prof)
 *
 * For each size N: N counter series (N/10 targets x 10 routes), N histogram bucket series (N/10 targets x
 * 10 buckets), one gauge and one `up` per target, 1 h at 15 s. Loaded into Prometheus by remote_write and
 * into a fresh Tsdb (temp dir, appendBatch one scrape at a time, as the collector does). Before timing,
 * every query's answer from the Tsdb is checked against the in-memory Queryable (identical JSON) and
 * against Prometheus (same series, values within 1e-6; for topk the values picked per step, since ties
 * within float rounding may pick other series): the benchmark fails loudly if they differ.
 * Prometheus is timed over HTTP (`/api/v1/query_range`, response body read); NEO in-process (engine +
 * formatQueryData + JSON.stringify of the same envelope). Median of --runs after a warm-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareBytes, Labels, parsePromValue } from '@neo/domain-metric';
import { createEngine, formatQueryData, PromApiData, Queryable } from '@neo/promql';
import { AppendSample, Tsdb } from '@neo/tsdb';
import { MemoryQueryable } from '../../libs/promql/src/test-support/memory-queryable';
import { remoteWrite, WriteSeries } from '../../libs/promql/src/test-support/remote-write';

const SCRIPT = join(__dirname, '../../tools/prometheus/start.sh');
const T0 = 1_700_000_000_000;
const SCRAPE_MS = 15_000;
const POINTS = 240; // 1 h at 15 s
const START = T0;
const END = T0 + POINTS * SCRAPE_MS; // 241 steps over the hour
const STEP = 15_000;
const ROUTES = 10;
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

const QUERIES = [
  'sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'topk(5, rate(http_requests_total[5m]))',
  'avg_over_time(process_resident_memory_bytes[5m])',
  'up == 0',
];
/** Extra queries only for the Tsdb-vs-memory check (raw samples, instant-style functions). */
const CHECK_ONLY = [
  'http_requests_total{route="r3"}',
  'increase(http_request_duration_seconds_bucket{le="+Inf"}[10m])',
  'max_over_time(up[15m]) - min_over_time(up[15m])',
];

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
}

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic data for `n` counter and `n` bucket series (see the header). */
function generate(n: number): WriteSeries[] {
  const r = rng(n);
  const targets = n / ROUTES;
  const ts = Array.from({ length: POINTS }, (_, i) => T0 + i * SCRAPE_MS);
  const out: WriteSeries[] = [];
  for (let k = 0; k < targets; k++) {
    const base = { job: `job-${k % 10}`, instance: `10.0.${Math.floor(k / 250)}.${k % 250}:9100` };
    for (let route = 0; route < ROUTES; route++) {
      let v = Math.floor(r() * 1000);
      const rate = 1 + r() * 20;
      const resetAt = k % 17 === 0 ? Math.floor(r() * POINTS) : -1;
      const vs = ts.map((_, i) => {
        v = i === resetAt ? Math.floor(r() * 10) : v + Math.floor(r() * rate * 15);
        return v;
      });
      out.push({ labels: { __name__: 'http_requests_total', ...base, route: `r${route}` }, ts, vs });
    }
    const counts = LE.map(() => 0);
    const bucketVs = LE.map(() => [] as number[]);
    for (let i = 0; i < POINTS; i++) {
      for (let obs = 0; obs < 5; obs++) {
        const x = r() * r() * r() * 3;
        LE.forEach((le, b) => {
          if (le === '+Inf' || x <= Number(le)) {
            counts[b]++;
          }
        });
      }
      counts.forEach((c, b) => bucketVs[b].push(c));
    }
    LE.forEach((le, b) =>
      out.push({
        labels: { __name__: 'http_request_duration_seconds_bucket', ...base, le },
        ts,
        vs: bucketVs[b],
      }),
    );
    let mem = 1e8 + r() * 1e9;
    out.push({
      labels: { __name__: 'process_resident_memory_bytes', ...base },
      ts,
      vs: ts.map(() => (mem = Math.max(1e7, mem + (r() - 0.5) * 1e7))),
    });
    // One target in 20 is down for ten minutes somewhere in the hour.
    const down = k % 20 === 7 ? Math.floor(r() * (POINTS - 40)) : -100;
    out.push({
      labels: { __name__: 'up', ...base },
      ts,
      vs: ts.map((_, i) => (i >= down && i < down + 40 ? 0 : 1)),
    });
  }
  return out;
}

async function loadPrometheus(base: string, data: readonly WriteSeries[]): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await remoteWrite(`${base}/api/v1/write`, data.slice(i, i + 500));
  }
}

/** One appendBatch per scrape timestamp, by ref after the first (the collector's scrape cache). */
async function loadTsdb(db: Tsdb, data: readonly WriteSeries[]): Promise<void> {
  const first = await db.appendBatch(
    data.map((s): AppendSample => ({ labels: s.labels, timestampMs: s.ts[0], value: s.vs[0] })),
  );
  let accepted = first.accepted;
  for (let i = 1; i < POINTS; i++) {
    const batch = data.map(
      (s, j): AppendSample => ({ ref: first.refs[j], timestampMs: s.ts[i], value: s.vs[i] }),
    );
    accepted += (await db.appendBatch(batch)).accepted;
  }
  if (accepted !== data.length * POINTS) {
    throw new Error(`tsdb accepted ${accepted} of ${data.length * POINTS} samples`);
  }
}

/** Label pairs flattened in name order, compared pairwise like @neo/tsdb orders its selections. */
function pairs(l: Labels): string[] {
  return Object.keys(l)
    .sort(compareBytes)
    .flatMap((k) => [k, l[k]]);
}

function comparePairs(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return compareBytes(a[i], b[i]);
    }
  }
  return a.length - b.length;
}

/**
 * The in-memory reference store, series in the order @neo/tsdb returns them (sorted by labels), so
 * aggregations add in the same order and both paths must give bit-identical answers.
 */
function memoryStore(data: readonly WriteSeries[]): MemoryQueryable {
  const q = new MemoryQueryable();
  const sorted = data.map((s) => ({ s, p: pairs(s.labels) })).sort((a, b) => comparePairs(a.p, b.p));
  for (const { s, p } of sorted) {
    // Labels rebuilt in name order, as the Tsdb's label objects are, so JSON key order matches too.
    const labels: Record<string, string> = {};
    for (let i = 0; i < p.length; i += 2) {
      labels[p[i]] = p[i + 1];
    }
    // Direct push: MemoryQueryable.add searches for an existing series (quadratic at this size).
    q.series.push({ labels, ts: s.ts, vs: s.vs });
  }
  return q;
}

interface PromResponse {
  status: string;
  data?: PromApiData;
  error?: string;
}

function rangeParams(query: string): string {
  return new URLSearchParams({
    query,
    start: String(START / 1000),
    end: String(END / 1000),
    step: String(STEP / 1000),
  }).toString();
}

async function promRange(base: string, query: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/query_range?${rangeParams(query)}`);
  const body = await res.text();
  if (res.status !== 200) {
    throw new Error(`prometheus ${res.status} for ${query}: ${body}`);
  }
  return body;
}

const engine = createEngine();

/** What the HTTP API would send: engine, formatQueryData, JSON.stringify of the envelope. */
function neoRange(q: Queryable, query: string): string {
  return JSON.stringify({
    status: 'success',
    data: formatQueryData(engine.rangeQuery(q, query, START, END, STEP)),
  });
}

/** A fresh reader per query, as the API handler does; closing it releases pinned blocks. */
function neoTsdb(db: Tsdb, query: string): string {
  const reader = db.reader();
  try {
    return neoRange(reader, query);
  } finally {
    reader.close();
  }
}

type Matrix = Map<string, Array<[number, number]>>;

function matrixOf(json: string): Matrix {
  const body = JSON.parse(json) as PromResponse;
  const data = body.data;
  if (data === undefined || data.resultType !== 'matrix') {
    throw new Error(`expected a matrix, got ${json.slice(0, 200)}`);
  }
  const m = data as Extract<PromApiData, { resultType: 'matrix' }>;
  const out: Matrix = new Map();
  for (const s of m.result) {
    const key = Object.keys(s.metric)
      .sort()
      .map((k) => `${k}=${s.metric[k]}`)
      .join(',');
    out.set(
      key,
      s.values.map(([t, v]): [number, number] => [t, parsePromValue(v)]),
    );
  }
  return out;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/** First difference between NEO's and Prometheus' matrices, or undefined. */
function matrixDiff(ours: Matrix, theirs: Matrix): string | undefined {
  if (ours.size !== theirs.size) {
    return `${ours.size} series vs prometheus ${theirs.size}`;
  }
  for (const [key, b] of theirs) {
    const a = ours.get(key);
    if (a === undefined) {
      return `missing series {${key}}`;
    }
    if (a.length !== b.length) {
      return `{${key}}: ${a.length} points vs prometheus ${b.length}`;
    }
    for (let i = 0; i < a.length; i++) {
      if (a[i][0] !== b[i][0] || !close(a[i][1], b[i][1])) {
        return `{${key}} at ${b[i][0]}: ${a[i][1]} vs prometheus ${b[i][1]}`;
      }
    }
  }
  return undefined;
}

/** Per timestamp, the sorted multiset of values; labels ignored. */
function valuesByStep(m: Matrix): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const points of m.values()) {
    for (const [t, v] of points) {
      const vs = out.get(t) ?? [];
      vs.push(v);
      out.set(t, vs);
    }
  }
  for (const vs of out.values()) {
    vs.sort((a, b) => a - b);
  }
  return out;
}

function stepValuesDiff(ours: Matrix, theirs: Matrix): string | undefined {
  const a = valuesByStep(ours);
  const b = valuesByStep(theirs);
  if (a.size !== b.size) {
    return `${a.size} steps vs prometheus ${b.size}`;
  }
  for (const [t, bv] of b) {
    const av = a.get(t) ?? [];
    if (av.length !== bv.length || av.some((v, i) => !close(v, bv[i]))) {
      return `at ${t}: [${av.join(', ')}] vs prometheus [${bv.join(', ')}]`;
    }
  }
  return undefined;
}

async function check(base: string | undefined, db: Tsdb, mem: MemoryQueryable): Promise<void> {
  for (const q of [...QUERIES, ...CHECK_ONLY]) {
    const fromTsdb = neoTsdb(db, q);
    const fromMemory = neoRange(mem, q);
    if (fromTsdb !== fromMemory) {
      throw new Error(`tsdb and in-memory answers differ for ${q}`);
    }
    const ours = matrixOf(fromTsdb);
    if (ours.size === 0) {
      throw new Error(`empty answer for ${q}: the benchmark would measure nothing`);
    }
    if (base === undefined) {
      continue;
    }
    const theirs = matrixOf(await promRange(base, q));
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

async function elapsed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** CPU time (user + system, all threads incl. GC) this process spent in `fn`, in ms. */
function cpuMs(fn: () => unknown): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/**
 * Medians of `runs` timings of each side after one warm-up each (JIT, Prometheus' caches); runs alternate
 * so that load from other processes on the machine hits both sides alike.
 */
async function timePair(
  runs: number,
  prom: (() => Promise<unknown>) | undefined,
  neo: () => unknown,
): Promise<[number, number, number]> {
  await prom?.();
  neo();
  const p: number[] = [];
  const n: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (prom !== undefined) {
      p.push(await elapsed(prom));
    }
    n.push(await elapsed(neo));
    cpu.push(cpuMs(neo));
  }
  return [prom === undefined ? NaN : median(p), median(n), median(cpu)];
}

function startPrometheus(port: number, dir: string): void {
  execFileSync(SCRIPT, [String(port), dir], { stdio: 'inherit', timeout: 240_000 });
}

/** Stops Prometheus and waits for the process to be gone (start.sh stop only sends SIGTERM). */
async function stopPrometheus(dir: string): Promise<void> {
  let pid = NaN;
  try {
    pid = Number(readFileSync(join(dir, 'prometheus.pid'), 'utf8').trim());
  } catch {
    return; // never started
  }
  execFileSync(SCRIPT, ['stop', dir], { stdio: 'inherit' });
  for (let i = 0; i < 100 && alive(pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Prometheus dirs started and not yet stopped, for the signal handler. */
const running = new Set<string>();

async function benchSize(n: number, runs: number, port: number, withProm: boolean): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const promDir = mkdtempSync(join(tmpdir(), 'neo-promql-bench-prom-'));
  const tsdbDir = mkdtempSync(join(tmpdir(), 'neo-promql-bench-tsdb-'));
  let db: Tsdb | undefined;
  try {
    let t = performance.now();
    const data = generate(n);
    const samples = data.length * POINTS;
    console.log(
      `\n== ${n} counter + ${n} bucket series (+${(2 * n) / ROUTES} gauge/up), ${data.length} series, ` +
        `${samples.toLocaleString('en-US')} samples, generated in ${Math.round(performance.now() - t)} ms`,
    );
    if (withProm) {
      running.add(promDir);
      startPrometheus(port, promDir);
      t = performance.now();
      await loadPrometheus(base, data);
      console.log(`loaded into Prometheus 2.42 by remote_write in ${Math.round(performance.now() - t)} ms`);
    }
    t = performance.now();
    db = await Tsdb.open({ dataDir: tsdbDir });
    await loadTsdb(db, data);
    console.log(
      `loaded into @neo/tsdb (${POINTS} appendBatch calls) in ${Math.round(performance.now() - t)} ms`,
    );
    const mem = memoryStore(data);
    t = performance.now();
    await check(withProm ? base : undefined, db, mem);
    console.log(
      `checked: Tsdb == in-memory (identical JSON)` +
        (withProm ? ' and == Prometheus (1e-6; topk: values per step)' : '') +
        ` for ${QUERIES.length + CHECK_ONLY.length} queries in ${Math.round(performance.now() - t)} ms`,
    );
    console.log(
      `range queries ${new Date(START).toISOString()} + 1h, step 15s; median of ${runs} after a warm-up, ` +
        'Prometheus and NEO runs interleaved',
    );
    console.log(
      `${pad('query', 92)} ${pad('Prometheus', 12)} ${pad('NEO', 12)} ${pad('NEO/Prom', 9)} NEO CPU time`,
    );
    const store = db;
    for (const q of QUERIES) {
      const [prom, neo, cpu] = await timePair(runs, withProm ? () => promRange(base, q) : undefined, () =>
        neoTsdb(store, q),
      );
      const ratio = withProm ? (neo / prom).toFixed(2) : '-';
      const promText = withProm ? `${prom.toFixed(1)} ms` : '-';
      console.log(
        `${pad(q, 92)} ${pad(promText, 12)} ${pad(`${neo.toFixed(1)} ms`, 12)} ${pad(ratio, 9)} ` +
          `${cpu.toFixed(1)} ms`,
      );
    }
  } finally {
    if (withProm) {
      await stopPrometheus(promDir);
      running.delete(promDir);
    }
    if (db !== undefined) {
      await db.close();
    }
    rmSync(promDir, { recursive: true, force: true });
    rmSync(tsdbDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '1000,10000').split(',').map(Number);
  const runs = Number(arg('runs', '5'));
  const port = Number(arg('port', '19098'));
  console.log(
    'PromQL benchmark. Prometheus: HTTP GET /api/v1/query_range, body read (JSON encoding + transfer ' +
      'included). NEO: in-process engine.rangeQuery over a @neo/tsdb reader + formatQueryData + ' +
      'JSON.stringify (no HTTP).',
  );
  const withProm = !process.argv.includes('--no-prometheus');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      for (const dir of running) {
        execFileSync(SCRIPT, ['stop', dir], { stdio: 'inherit' });
      }
      process.exit(130);
    });
  }
  for (const n of sizes) {
    await benchSize(n, runs, port, withProm);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
