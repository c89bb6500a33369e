/**
 * Engine benchmark for @neo/tsdb. Run from the repository root:
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node --expose-gc -r @swc-node/register bench/tsdb/tsdb-bench.ts
 * Ratios are against published reference figures (Gorilla paper / Prometheus docs: 1.37 bytes per
 * sample, ~3.2 KB per active series in Prometheus 2.x); the collector benchmark measures a live
 * Prometheus in the same run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendSample, SAMPLES_PER_CHUNK, Tsdb, XorAppender } from '@neo/tsdb';

const GORILLA_BYTES_PER_SAMPLE = 1.37;
const PROMETHEUS_BYTES_PER_SERIES = 3.2 * 1024;
const SCRAPE_MS = 15_000;
const T0 = 1_700_000_000_000;

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'neo-tsdb-bench-'));
}

function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g === undefined) {
    throw new Error('run with --expose-gc');
  }
  g();
  g();
}

/** Bytes per sample in 120-sample XOR chunks for values produced by `valueOf`. */
function chunkBytesPerSample(
  series: number,
  valueOf: (s: number, i: number) => number,
  tOf: (i: number) => number,
): number {
  let bytes = 0;
  let samples = 0;
  for (let s = 0; s < series; s++) {
    const app = new XorAppender();
    for (let i = 0; i < SAMPLES_PER_CHUNK; i++) {
      app.append(tOf(i), valueOf(s, i));
    }
    bytes += app.bytes().length;
    samples += SAMPLES_PER_CHUNK;
  }
  return bytes / samples;
}

function compression(): { regular: number; counters: number; random: number } {
  const r = rng(1);
  // Regular scrape data: exact 15 s steps; a mix of counters (steady rate with small jitter), gauges
  // that rarely change and constant series, roughly what a node or app exporter exposes.
  const kind = (s: number): number => s % 3;
  const rates = Array.from({ length: 3000 }, () => Math.floor(r() * 50) + 1);
  const counterState = new Map<number, number>();
  const counters0 = new Map<number, number>();
  const regular = chunkBytesPerSample(
    3000,
    (s, i) => {
      if (kind(s) === 0) {
        const prev = i === 0 ? Math.floor(r() * 1e6) : (counterState.get(s) ?? 0);
        const next = prev + rates[s] + (r() < 0.3 ? Math.floor(r() * 5) : 0);
        counterState.set(s, next);
        return next;
      }
      if (kind(s) === 1) {
        return r() < 0.1 ? Math.round(r() * 100) : 42;
      }
      return 1;
    },
    (i) => T0 + i * SCRAPE_MS,
  );
  const counters = chunkBytesPerSample(
    3000,
    (s, i) => {
      const prev = i === 0 ? Math.floor(r() * 1e6) : (counters0.get(s) ?? 0);
      const next = prev + rates[s] + (r() < 0.3 ? Math.floor(r() * 5) : 0);
      counters0.set(s, next);
      return next;
    },
    (i) => T0 + i * SCRAPE_MS,
  );
  const random = chunkBytesPerSample(
    3000,
    () => r() * 1e6,
    (i) => T0 + i * SCRAPE_MS + Math.floor(r() * 2000),
  );
  return { regular, counters, random };
}

async function appendThroughput(): Promise<{ samplesPerSec: number; byLabelsPerSec: number }> {
  const dir = tempDir();
  const db = await Tsdb.open({ dataDir: dir, autoCompact: false });
  try {
    const series = 10_000;
    const scrapes = 60;
    const labels = Array.from({ length: series }, (_, s) => ({
      __name__: `metric_${s % 100}`,
      instance: `host-${Math.floor(s / 100)}:9100`,
      job: 'node',
      idx: String(s),
    }));
    const first = await db.appendBatch(labels.map((l) => ({ labels: l, timestampMs: T0, value: 0 })));
    const refs = first.refs;
    let start = process.hrtime.bigint();
    for (let k = 1; k <= scrapes; k++) {
      const batch: AppendSample[] = new Array(series);
      for (let s = 0; s < series; s++) {
        batch[s] = { ref: refs[s], timestampMs: T0 + k * SCRAPE_MS, value: k * (s % 7) };
      }
      await db.appendBatch(batch);
    }
    const byRefSec = Number(process.hrtime.bigint() - start) / 1e9;
    start = process.hrtime.bigint();
    for (let k = scrapes + 1; k <= scrapes * 2; k++) {
      await db.appendBatch(
        labels.map((l, s) => ({ labels: l, timestampMs: T0 + k * SCRAPE_MS, value: k * (s % 7) })),
      );
    }
    const byLabelsSec = Number(process.hrtime.bigint() - start) / 1e9;
    return { samplesPerSec: (series * scrapes) / byRefSec, byLabelsPerSec: (series * scrapes) / byLabelsSec };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function memoryPerSeries(): Promise<{
  heapPerSeries: number;
  totalPerSeries: number;
  seconds: number;
  diskBytesPerSample: number;
  chunkFileBytesPerSample: number;
  samplesPerSeriesPerBlock: number;
}> {
  const dir = tempDir();
  const series = 100_000;
  const scrapes = 240; // 1 h of 15 s data
  gc();
  const before = process.memoryUsage();
  const db = await Tsdb.open({ dataDir: dir, autoCompact: false });
  const start = process.hrtime.bigint();
  const labels = (s: number): Record<string, string> => ({
    __name__: `bench_metric_${s % 200}`,
    instance: `10.0.${Math.floor(s / 5000)}.${Math.floor(s / 200) % 25}:9100`,
    job: 'bench',
    series: String(s),
  });
  const first = await db.appendBatch(
    Array.from({ length: series }, (_, s) => ({ labels: labels(s), timestampMs: T0, value: s })),
  );
  const refs = first.refs;
  for (let k = 1; k < scrapes; k++) {
    const batch: AppendSample[] = new Array(series);
    for (let s = 0; s < series; s++) {
      batch[s] = {
        ref: refs[s],
        timestampMs: T0 + k * SCRAPE_MS,
        value: s % 3 === 0 ? s + k * 10 : s % 3 === 1 ? 5 : k % 10,
      };
    }
    await db.appendBatch(batch);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  gc();
  const after = process.memoryUsage();
  const heapPerSeries = (after.heapUsed - before.heapUsed) / series;
  const totalPerSeries =
    (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / series;
  // Force the hour into a block to measure bytes per sample on disk (chunks + index).
  await db.close();
  const persisted = await Tsdb.open({ dataDir: dir, blockRangeMs: 30 * 60_000, autoCompact: true });
  const stats = persisted.stats();
  const blockBytes = stats.bytesOnDisk - stats.walBytes;
  const blocksDir = join(dir, 'blocks');
  let persistedSamples = 0;
  let chunkFileBytes = 0;
  for (const name of readdirSync(blocksDir)) {
    const meta = JSON.parse(readFileSync(join(blocksDir, name, 'meta.json'), 'utf8')) as {
      stats: { numSamples: number };
      files: { chunks: { size: number } };
    };
    persistedSamples += meta.stats.numSamples;
    chunkFileBytes += meta.files.chunks.size;
  }
  await persisted.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    heapPerSeries,
    totalPerSeries,
    seconds,
    diskBytesPerSample: blockBytes / Math.max(1, persistedSamples),
    chunkFileBytesPerSample: chunkFileBytes / Math.max(1, persistedSamples),
    samplesPerSeriesPerBlock: persistedSamples / series / Math.max(1, stats.blocks),
  };
}

async function walFsyncThroughput(): Promise<{
  batchesPerSec: number;
  samplesPerSec: number;
  batchesPerFsync: number;
}> {
  const dir = tempDir();
  const db = await Tsdb.open({ dataDir: dir, autoCompact: false });
  try {
    const senders = 64;
    const perSender = 100;
    const batchSize = 100;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: senders }, async (_, w) => {
        for (let i = 0; i < perSender; i++) {
          await db.appendBatch(
            Array.from({ length: batchSize }, (_, s) => ({
              labels: { __name__: 'wal_bench', sender: String(w), s: String(s) },
              timestampMs: T0 + i * 1000,
              value: i,
            })),
          );
        }
      }),
    );
    const sec = Number(process.hrtime.bigint() - start) / 1e9;
    const batches = senders * perSender;
    return {
      batchesPerSec: batches / sec,
      samplesPerSec: (batches * batchSize) / sec,
      batchesPerFsync: batches / db.stats().walFsyncs,
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log('@neo/tsdb engine benchmark (reference figures are published ones, not measured here)');
  const c = compression();
  console.log(
    `bytes/sample, regular 15 s data (1/3 counters, 1/3 gauges, 1/3 constant): ${fmt(c.regular, 3)}  (ratio to Gorilla ${GORILLA_BYTES_PER_SAMPLE}: ${fmt(c.regular / GORILLA_BYTES_PER_SAMPLE, 2)})`,
  );
  console.log(`bytes/sample, regular 15 s data, jittery counters only: ${fmt(c.counters, 3)}`);
  console.log(`bytes/sample, random floats, jittered timestamps: ${fmt(c.random, 3)}`);
  const a = await appendThroughput();
  console.log(
    `append throughput (10k series, batches of 10k, WAL fsync per batch): by ref ${fmt(a.samplesPerSec, 0)} samples/s, by labels ${fmt(a.byLabelsPerSec, 0)} samples/s`,
  );
  const w = await walFsyncThroughput();
  console.log(
    `WAL group commit (64 concurrent senders, 100-sample batches): ${fmt(w.batchesPerSec, 0)} batches/s, ${fmt(w.samplesPerSec, 0)} samples/s, ${fmt(w.batchesPerFsync, 1)} batches per fsync`,
  );
  const m = await memoryPerSeries();
  console.log(
    `memory per active series (100k series, 1 h of 15 s data, ${fmt(m.seconds, 1)} s to ingest): heap ${fmt(m.heapPerSeries, 0)} B, heap+array buffers ${fmt(m.totalPerSeries, 0)} B (ratio to Prometheus 3.2 KB: ${fmt(m.totalPerSeries / PROMETHEUS_BYTES_PER_SERIES, 2)})`,
  );
  console.log(
    `bytes/sample on disk in blocks, same data: ${fmt(m.diskBytesPerSample, 3)} total, ${fmt(m.chunkFileBytesPerSample, 3)} in chunk files (${fmt(m.samplesPerSeriesPerBlock, 0)} samples per series per block)`,
  );
  console.log(`done in ${fmt((Date.now() - started) / 1000, 1)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
