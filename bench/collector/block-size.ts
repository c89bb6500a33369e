import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes and samples of every block under `dir` (NEO's blocks/ or a Prometheus data dir): both write meta.json with stats.numSamples. */
export function blockTotals(dir: string): { bytes: number; samples: number } {
  let bytes = 0;
  let samples = 0;
  for (const entry of readdirSync(dir)) {
    const block = join(dir, entry);
    let meta: { stats?: { numSamples?: number } };
    try {
      meta = JSON.parse(readFileSync(join(block, 'meta.json'), 'utf8')) as typeof meta;
    } catch {
      continue; // not a block (wal/, lock file...)
    }
    samples += meta.stats?.numSamples ?? 0;
    bytes += treeSize(block);
  }
  return { bytes, samples };
}

function treeSize(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + treeSize(join(path, entry)), 0);
}
