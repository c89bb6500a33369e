/**
 * In-process profiling aid (not a benchmark against Prometheus): loads the benchmark's data into a @neo/tsdb
 * store and runs each query --runs times through engine + formatQueryResponse (the collector's path),
 * printing the median wall and CPU time. Run with `node -r @swc-node/register bench/promql/profile-queries.ts --size=10000`;
 * --only=<substring> keeps matching queries only; --prof-dir=<dir> writes one .cpuprofile per query there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, formatQueryResponse } from '@neo/promql';
import { AppendSample, Tsdb } from '@neo/tsdb';
import { END, generate, POINTS, START, STEP } from './bench-data';

const QUERIES = [
  'sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'topk(5, rate(http_requests_total[5m]))',
  'avg_over_time(process_resident_memory_bytes[5m])',
  'up == 0',
];

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
}

async function main(): Promise<void> {
  const n = Number(arg('size', '10000'));
  const runs = Number(arg('runs', '20'));
  const only = arg('only', '');
  const dir = mkdtempSync(join(tmpdir(), 'neo-promql-profile-'));
  const db = await Tsdb.open({ dataDir: dir });
  try {
    const data = generate(n);
    const first = await db.appendBatch(
      data.map((s): AppendSample => ({ labels: s.labels, timestampMs: s.ts[0], value: s.vs[0] })),
    );
    for (let i = 1; i < POINTS; i++) {
      await db.appendBatch(
        data.map((s, j): AppendSample => ({ ref: first.refs[j], timestampMs: s.ts[i], value: s.vs[i] })),
      );
    }
    const engine = createEngine();
    const profDir = arg('prof-dir', '');
    const session = new Session();
    session.connect();
    const post = (method: string): Promise<unknown> =>
      new Promise((resolve, reject) =>
        session.post(method, (err, res) => (err ? reject(err) : resolve(res))),
      );
    let k = 0;
    for (const q of QUERIES.filter((x) => x.includes(only))) {
      if (profDir !== '') {
        await post('Profiler.enable');
        await post('Profiler.start');
      }
      const times: number[] = [];
      const cpus: number[] = [];
      let bytes = 0;
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const c = process.cpuUsage();
        const reader = db.reader();
        try {
          const body = formatQueryResponse(engine.rangeQuery(reader, q, START, END, STEP));
          bytes = body.length;
        } finally {
          reader.close();
        }
        times.push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpus.push((d.user + d.system) / 1000);
      }
      if (profDir !== '') {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(join(profDir, `q${k}.cpuprofile`), JSON.stringify(profile));
      }
      k++;
      times.sort((a, b) => a - b);
      cpus.sort((a, b) => a - b);
      const mid = times.length >> 1;
      console.log(`${times[mid].toFixed(1)} ms  cpu ${cpus[mid].toFixed(1)} ms  ${bytes} bytes  ${q}`);
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
