import { readdir } from 'node:fs/promises';

// Zero-padded decimal like Prometheus (00000012): lexical order equals numeric order.
const SEGMENT_RE = /^\d{8}$/;
const CHECKPOINT_RE = /^checkpoint\.(\d{8})$/;

export function segmentName(n: number): string {
  return String(n).padStart(8, '0');
}

/** `checkpoint.N` holds the head as of the end of segment N; segments <= N are then redundant. */
export function checkpointName(n: number): string {
  return `checkpoint.${segmentName(n)}`;
}

export interface WalListing {
  segments: number[];
  checkpoints: number[];
  /** Leftovers of an interrupted checkpoint. */
  temporary: string[];
}

export async function listWal(dir: string): Promise<WalListing> {
  const names = await readdir(dir);
  const segments: number[] = [];
  const checkpoints: number[] = [];
  const temporary: string[] = [];
  for (const name of names) {
    if (SEGMENT_RE.test(name)) {
      segments.push(Number(name));
      continue;
    }
    const cp = CHECKPOINT_RE.exec(name);
    if (cp) {
      checkpoints.push(Number(cp[1]));
    } else if (name.endsWith('.tmp')) {
      temporary.push(name);
    }
  }
  segments.sort((a, b) => a - b);
  checkpoints.sort((a, b) => a - b);
  return { segments, checkpoints, temporary };
}
