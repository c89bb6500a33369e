import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FrameError, scanFrames } from './record-frame';
import { decodeRecord, RecordHandler } from './records';
import { checkpointName, listWal, segmentName } from './segment-names';
import { syncDir } from './fs-sync';

/** A damaged spot found on replay, and what was done about it. */
export interface WalCorruption {
  /** File name inside the WAL directory. */
  readonly file: string;
  /** Offset of the first damaged record; everything before it was kept. */
  readonly offset: number;
  readonly reason: FrameError;
  /** Bytes cut from the file (0 for a checkpoint, which is never modified). */
  readonly truncatedBytes: number;
  /** Later segments deleted because they followed the damage. */
  readonly droppedSegments: readonly string[];
}

export interface WalReplayReport {
  readonly checkpoint: number | null;
  readonly segmentsReplayed: number;
  readonly records: number;
  readonly corruptions: readonly WalCorruption[];
  /** Number for the next segment to write. */
  readonly nextSegment: number;
}

/**
 * Replays the newest checkpoint, then every later segment in order. A damaged record (torn write,
 * checksum mismatch, garbage) ends the log there: the segment is truncated to its last intact record
 * and later segments are deleted, since their records would apply on top of a hole.
 */
export async function replayWal(dir: string, handler: RecordHandler): Promise<WalReplayReport> {
  await mkdir(dir, { recursive: true });
  const listing = await listWal(dir);
  for (const tmp of listing.temporary) {
    await rm(join(dir, tmp), { force: true });
  }
  const corruptions: WalCorruption[] = [];
  let records = 0;
  const checkpoint =
    listing.checkpoints.length > 0 ? listing.checkpoints[listing.checkpoints.length - 1] : null;
  if (checkpoint !== null) {
    const name = checkpointName(checkpoint);
    const data = await readFile(join(dir, name));
    const scan = scanFrames(data, (payload) => {
      decodeRecord(payload, handler);
      records++;
    });
    if (scan.error !== undefined) {
      corruptions.push({
        file: name,
        offset: scan.validBytes,
        reason: scan.error,
        truncatedBytes: 0,
        droppedSegments: [],
      });
    }
  }
  const segments = listing.segments.filter((s) => checkpoint === null || s > checkpoint);
  let replayed = 0;
  for (let i = 0; i < segments.length; i++) {
    const name = segmentName(segments[i]);
    const path = join(dir, name);
    const data = await readFile(path);
    const scan = scanFrames(data, (payload) => {
      decodeRecord(payload, handler);
      records++;
    });
    replayed++;
    if (scan.error === undefined) {
      continue;
    }
    const dropped = segments.slice(i + 1).map(segmentName);
    await truncateFile(path, scan.validBytes);
    for (const later of dropped) {
      await rm(join(dir, later), { force: true });
    }
    await syncDir(dir);
    corruptions.push({
      file: name,
      offset: scan.validBytes,
      reason: scan.error,
      truncatedBytes: data.length - scan.validBytes,
      droppedSegments: dropped,
    });
    break;
  }
  const last = Math.max(checkpoint ?? 0, ...listing.segments, 0);
  return { checkpoint, segmentsReplayed: replayed, records, corruptions, nextSegment: last + 1 };
}

async function truncateFile(path: string, size: number): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(size);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
