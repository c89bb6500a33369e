/**
 * Profiling aid, not a benchmark (bench/run.js does not run it): the remote_write receiver's work without
 * HTTP — snappy, decode with the series-key cache, Tsdb.appendSeries with WAL fsync — on the bench's
 * requests, for `node --cpu-prof`. Prints CPU µs per sample. Run from the repository root:
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node --cpu-prof -r @swc-node/register bench/remote-write/ingest-profile.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tsdb } from '@neo/tsdb';
import { SeriesKeyCache } from '../../apps/collector/src/ingest/remote-write/series-key-cache';
import { decodeWriteBatch } from '../../apps/collector/src/ingest/remote-write/write-batch';
import { decodeSnappyBlock } from '../../apps/collector/src/ingest/snappy-block';
import { encodeRemoteWriteBody } from '../../apps/collector/src/remote-write/write-request-encoder';

const SERIES = 2_200;
const SAMPLES_PER_SERIES = 20;
const REQUESTS = Number(process.env['REQUESTS'] ?? 60);

async function main(): Promise<void> {
  const labels = Array.from({ length: SERIES }, (_, i) => ({
    __name__: `bench_metric_${i % 50}`,
    job: 'bench',
    instance: `host-${i % 20}:9100`,
    shard: String(Math.floor(i / 1000)),
    series: String(i),
  }));
  const start = Date.now() - REQUESTS * SAMPLES_PER_SERIES * 1000 - 60_000;
  const bodies = Array.from({ length: REQUESTS }, (_, r) => {
    const timestamps = Array.from(
      { length: SAMPLES_PER_SERIES },
      (_, k) => start + (r * SAMPLES_PER_SERIES + k) * 1000,
    );
    return encodeRemoteWriteBody(
      labels.map((l, i) => ({
        labels: l,
        timestamps,
        values: timestamps.map((t) => (i * 7 + t / 1000) % 1000),
      })),
    );
  });
  const dir = mkdtempSync(join(tmpdir(), 'neo-rw-profile-'));
  const db = await Tsdb.open({ dataDir: dir });
  const cache = new SeriesKeyCache();
  try {
    const cpu = process.cpuUsage();
    let samples = 0;
    for (const body of bodies) {
      const batch = decodeWriteBatch(decodeSnappyBlock(body, 64 << 20), cache);
      const result = await db.appendSeries(batch);
      for (let i = 0; i < batch.length; i++) {
        const key = batch.keys[i];
        if (key !== undefined && result.seriesRefs[i] !== batch.refAt(i))
          cache.set(key, result.seriesRefs[i]);
      }
      samples += result.accepted;
    }
    const used = process.cpuUsage(cpu);
    console.log(
      `CPU per sample: ${((used.user + used.system) / samples).toFixed(3)} µs (${samples} samples)`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
