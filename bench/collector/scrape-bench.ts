/**
 * Scrape + store, NEO against Prometheus 2.42 in one run, on the same 100k-series loopback target.
 * Run: SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register bench/collector/scrape-bench.ts
 *
 * - CPU per scraped sample: Prometheus from /proc/<pid>/stat over a window of 1 s scrapes, divided by its
 *   prometheus_tsdb_head_samples_appended_total; NEO from process.cpuUsage() over back-to-back scrapes
 *   through the collector's own path (fetch, scan, scrape cache, appendBatch with WAL fsync).
 * - Memory per active series: RSS growth divided by series. NEO after an hour of 15 s data (240 samples
 *   per series, appended with synthetic timestamps, by ref in columns as scrapes append); Prometheus after
 *   its scrape window.
 * - Bytes per sample on disk: one block holding an hour of 15 s data of 2,000 series of the same
 *   generator, written by NEO's compaction and by promtool tsdb create-blocks-from openmetrics.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Tsdb, type AppendSample, type SeriesBatch } from '@neo/tsdb';
import { fetchExposition } from '../../apps/collector/src/scrape/fetch-exposition';
import { TargetAppender } from '../../apps/collector/src/scrape/target-appender';
import type { ScrapeTarget } from '../../apps/collector/src/scrape/scrape-target';
import { blockTotals } from './block-size';
import { PrometheusProcess } from './prometheus-process';
import { counterValue, increment } from './series-data';

const SERIES = 100_000;
const WINDOW_MS = 20_000;
const NEO_SCRAPES = 10;
const HOUR_STEPS = 240; // an hour at 15 s
const STEP_MS = 15_000;
const DISK_SERIES = 2_000;
const PROMETHEUS_PORT = 19_391;

// The run command has no --expose-gc; memory figures need a collection before each reading.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startTarget(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, 'series-target.ts'), [String(SERIES)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  return { child, port };
}

interface Figures {
  cpuPerSampleUs: number;
  memoryPerSeriesBytes: number;
  bytesPerSample: number;
}

async function measurePrometheus(dir: string, targetPort: number): Promise<Figures & { scrapeMs: number }> {
  const prom = PrometheusProcess.start(PROMETHEUS_PORT, join(dir, 'prometheus'));
  try {
    const idleRss = await prom.metric('process_resident_memory_bytes');
    prom.reload(
      `global: { scrape_interval: 1s, scrape_timeout: 1s }\nscrape_configs:\n  - job_name: bench\n    static_configs: [{ targets: ['127.0.0.1:${targetPort}'] }]\n`,
    );
    for (let i = 0; i < 120 && !((await prom.metric('prometheus_tsdb_head_series')) >= SERIES); i++)
      await sleep(500);
    await sleep(3000); // past the first scrapes, which create the series
    const cpu0 = prom.cpuSeconds();
    const samples0 = await prom.metric('prometheus_tsdb_head_samples_appended_total');
    await sleep(WINDOW_MS);
    const cpu1 = prom.cpuSeconds();
    const samples1 = await prom.metric('prometheus_tsdb_head_samples_appended_total');
    const series = await prom.metric('prometheus_tsdb_head_series');
    const rss = await prom.metric('process_resident_memory_bytes');
    const answer = (await (
      await fetch(
        `http://127.0.0.1:${PROMETHEUS_PORT}/api/v1/query?query=scrape_duration_seconds{job="bench"}`,
      )
    ).json()) as { data: { result: Array<{ value: [number, string] }> } };
    return {
      cpuPerSampleUs: ((cpu1 - cpu0) / (samples1 - samples0)) * 1e6,
      memoryPerSeriesBytes: (rss - idleRss) / series,
      bytesPerSample: prometheusBytesPerSample(dir),
      scrapeMs: Number(answer.data.result[0]?.value[1]) * 1000,
    };
  } finally {
    prom.stop();
  }
}

/** promtool writes the hour of DISK_SERIES series as a block; bytes per sample of that block. */
function prometheusBytesPerSample(dir: string): number {
  const t0 = alignedHourStart();
  const lines: string[] = [];
  for (let i = 0; i < DISK_SERIES; i++) {
    let value = counterValue(i, 0);
    for (let k = 0; k < HOUR_STEPS; k++) {
      if (k > 0) value += increment(i, k);
      lines.push(
        `bench_requests_total{series="${i}",group="g${i % 100}",job="bench",instance="t"} ${value} ${(t0 + k * STEP_MS) / 1000}`,
      );
    }
  }
  lines.push('# EOF', '');
  const file = join(dir, 'hour.om');
  writeFileSync(file, lines.join('\n'));
  const out = join(dir, 'promtool-blocks');
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, out], { stdio: 'ignore' });
  const { bytes, samples } = blockTotals(out);
  return bytes / samples;
}

async function measureNeo(dir: string, targetPort: number): Promise<Figures & { scrapeMs: number }> {
  const target: ScrapeTarget = {
    labels: { job: 'bench', instance: `127.0.0.1:${targetPort}` },
    job: 'bench',
    instance: `127.0.0.1:${targetPort}`,
    scrapeUrl: `http://127.0.0.1:${targetPort}/metrics`,
    intervalMs: 1000,
    timeoutMs: 10_000,
  };
  const db = await Tsdb.open({ dataDir: join(dir, 'neo-scrape') });
  const appender = new TargetAppender(target, db);
  const scrape = async () => {
    const fetched = await fetchExposition(target.scrapeUrl, { timeoutMs: target.timeoutMs });
    if (!fetched.ok) throw new Error(fetched.error);
    return appender.append(fetched.body, fetched.format, Date.now(), fetched.durationMs);
  };
  await scrape(); // creates the series and fills the scrape cache
  await sleep(1000);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let scraped = 0;
  for (let i = 0; i < NEO_SCRAPES; i++) {
    scraped += (await scrape()).scraped;
    await sleep(5); // distinct millisecond timestamps even on a fast machine
  }
  const wallMs = (performance.now() - wall0) / NEO_SCRAPES;
  const cpu = process.cpuUsage(cpu0);
  await db.close();
  return {
    cpuPerSampleUs: (cpu.user + cpu.system) / scraped,
    memoryPerSeriesBytes: await neoMemoryPerSeries(dir),
    bytesPerSample: await neoBytesPerSample(dir),
    scrapeMs: wallMs,
  };
}

/** RSS growth per series after an hour of 15 s data (first append by labels, then by ref as scrapes do). */
async function neoMemoryPerSeries(dir: string): Promise<number> {
  gc();
  const rss0 = process.memoryUsage().rss;
  const db = await Tsdb.open({ dataDir: join(dir, 'neo-hour') });
  const t0 = alignedHourStart();
  const values = Array.from({ length: SERIES }, (_, i) => counterValue(i, 0));
  const first: AppendSample[] = values.map((value, i) => ({
    labels: {
      __name__: 'bench_requests_total',
      series: String(i),
      group: `g${i % 100}`,
      job: 'bench',
      instance: 't',
    },
    timestampMs: t0,
    value,
  }));
  const refs = Int32Array.from((await db.appendBatch(first)).refs);
  // Then by ref in columns reused step after step, as the scrape path's ScrapeBatch does.
  const batch: SeriesBatch = {
    length: SERIES,
    offsets: Uint32Array.from({ length: SERIES + 1 }, (_, i) => i),
    timestamps: new Float64Array(SERIES),
    values: new Float64Array(SERIES),
    refAt: (i) => refs[i],
    pairsAt: () => undefined,
  };
  const timestamps = batch.timestamps as Float64Array;
  const columnValues = batch.values as Float64Array;
  for (let k = 1; k < HOUR_STEPS; k++) {
    for (let i = 0; i < SERIES; i++) {
      values[i] += increment(i, k);
      timestamps[i] = t0 + k * STEP_MS;
      columnValues[i] = values[i];
    }
    await db.appendSeries(batch);
  }
  gc();
  const grown = process.memoryUsage().rss - rss0;
  const series = db.stats().series;
  await db.close();
  return grown / series;
}

/** NEO's compaction writes the same hour of DISK_SERIES series as a block; bytes per sample of it. */
async function neoBytesPerSample(dir: string): Promise<number> {
  const dataDir = join(dir, 'neo-disk');
  const db = await Tsdb.open({ dataDir, blockRangeMs: 3_600_000, autoCompact: false });
  const t0 = alignedHourStart();
  const labels = (i: number) => ({
    __name__: 'bench_requests_total',
    series: String(i),
    group: `g${i % 100}`,
    job: 'bench',
    instance: 't',
  });
  for (let k = 0; k <= HOUR_STEPS + HOUR_STEPS / 2; k++) {
    // Samples past the hour only make the head span 1.5 blocks, so the hour is complete and compactable.
    await db.appendBatch(
      Array.from({ length: DISK_SERIES }, (_, i) => ({
        labels: labels(i),
        timestampMs: t0 + k * STEP_MS,
        value: counterValue(i, k),
      })),
    );
  }
  await db.compact();
  await db.close();
  const { bytes, samples } = blockTotals(join(dataDir, 'blocks'));
  return bytes / samples;
}

function alignedHourStart(): number {
  return Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
}

function row(name: string, neo: number, prom: number, unit: string, digits = 2): string {
  return `${name.padEnd(34)} ${neo.toFixed(digits).padStart(10)} ${prom.toFixed(digits).padStart(10)}  ${unit.padEnd(8)} ${(neo / prom).toFixed(2).padStart(6)}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neo-scrape-bench-'));
  const { child, port } = await startTarget();
  try {
    const started = Date.now();
    const prom = await measurePrometheus(dir, port);
    const neo = await measureNeo(dir, port);
    console.log(
      `\nscrape + store, ${SERIES.toLocaleString('en')} series target on loopback (ratio = NEO / Prometheus 2.42)\n`,
    );
    console.log(
      `${'figure'.padEnd(34)} ${'NEO'.padStart(10)} ${'Prometheus'.padStart(10)}  ${'unit'.padEnd(8)} ${'ratio'.padStart(6)}`,
    );
    console.log(row('CPU per scraped sample', neo.cpuPerSampleUs, prom.cpuPerSampleUs, 'µs', 3));
    console.log(
      row('memory per active series', neo.memoryPerSeriesBytes, prom.memoryPerSeriesBytes, 'bytes', 0),
    );
    console.log(row('bytes per sample on disk (block)', neo.bytesPerSample, prom.bytesPerSample, 'bytes', 3));
    console.log(row('one scrape of the target', neo.scrapeMs, prom.scrapeMs, 'ms', 0));
    console.log(
      `\nNEO memory: RSS growth after ${HOUR_STEPS} samples/series (1 h at 15 s); Prometheus: RSS growth after its ${WINDOW_MS / 1000} s window at 1 s.` +
        `\nBench took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
