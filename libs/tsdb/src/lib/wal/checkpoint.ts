import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { frameRecord } from './record-frame';
import { checkpointName, listWal, segmentName } from './segment-names';
import { syncDir } from './fs-sync';

/**
 * Writes `checkpoint.N` atomically: a temporary file, fsync, rename, fsync of the directory. A crash
 * at any point leaves either the previous checkpoint or the complete new one, never a partial one.
 */
export async function writeCheckpoint(
  dir: string,
  n: number,
  payloads: readonly Uint8Array[],
): Promise<number> {
  const final = join(dir, checkpointName(n));
  const tmp = `${final}.tmp`;
  const fh = await open(tmp, 'w');
  let size = 0;
  try {
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    for (const p of payloads) {
      const framed = frameRecord(p);
      batch.push(framed);
      batchBytes += framed.length;
      if (batchBytes >= 1 << 20) {
        await fh.write(Buffer.concat(batch, batchBytes));
        size += batchBytes;
        batch = [];
        batchBytes = 0;
      }
    }
    if (batchBytes > 0) {
      await fh.write(Buffer.concat(batch, batchBytes));
      size += batchBytes;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, final);
  await syncDir(dir);
  return size;
}

/** Deletes segments <= n and checkpoints older than n: checkpoint n now stands for all of them. */
export async function removeCoveredByCheckpoint(dir: string, n: number): Promise<void> {
  const listing = await listWal(dir);
  for (const s of listing.segments) {
    if (s <= n) {
      await rm(join(dir, segmentName(s)), { force: true });
    }
  }
  for (const c of listing.checkpoints) {
    if (c < n) {
      await rm(join(dir, checkpointName(c)), { force: true });
    }
  }
  await syncDir(dir);
}
