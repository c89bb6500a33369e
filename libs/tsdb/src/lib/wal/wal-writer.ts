import { FileHandle, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { frameRecord } from './record-frame';
import { segmentName } from './segment-names';
import { syncDir } from './fs-sync';

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

type QueueItem =
  | { kind: 'record'; bytes: Uint8Array; waiter: Waiter | null }
  | { kind: 'cut'; waiter: Waiter; closedSegment: number }
  | { kind: 'barrier'; waiter: Waiter };

export interface WalWriterOptions {
  readonly dir: string;
  /** Segments are rotated once they reach this size. */
  readonly segmentBytes: number;
}

/**
 * Appends framed records to numbered segment files with group commit: while one write+fsync is in
 * flight, new records queue up and share the next fsync. A promise from `append` resolves only after
 * its record is on stable storage, so an acknowledged batch survives kill -9 and power loss.
 */
export class WalWriter {
  private fh: FileHandle | null = null;
  private segment: number;
  private segmentSize = 0;
  private queue: QueueItem[] = [];
  private running = false;
  private failure: Error | null = null;
  private closed = false;
  /** Bytes written to segments by this writer (for stats). */
  bytesWritten = 0;
  fsyncs = 0;

  private constructor(
    private readonly opts: WalWriterOptions,
    firstSegment: number,
  ) {
    this.segment = firstSegment;
  }

  /** Starts a fresh segment numbered `firstSegment`; old segments are never appended to. */
  static async create(opts: WalWriterOptions, firstSegment: number): Promise<WalWriter> {
    const w = new WalWriter(opts, firstSegment);
    await w.openSegment(firstSegment);
    return w;
  }

  get currentSegment(): number {
    return this.segment;
  }

  /** Queues a record; resolves once it is durable. Record order in the log is call order. */
  append(payload: Uint8Array): Promise<void> {
    return this.push((waiter) => ({ kind: 'record', bytes: frameRecord(payload), waiter }));
  }

  /** {@link append} for a record already framed (see sealFrame). */
  appendFramed(frame: Uint8Array): Promise<void> {
    return this.push((waiter) => ({ kind: 'record', bytes: frame, waiter }));
  }

  /** Resolves once everything queued before it is durable. */
  barrier(): Promise<void> {
    if (this.queue.length === 0 && !this.running && this.failure === null) {
      return Promise.resolve();
    }
    return this.push((waiter) => ({ kind: 'barrier', waiter }));
  }

  /**
   * Closes the current segment after everything queued so far and opens the next; resolves with the
   * number of the last segment before the cut. Records appended after this call land in the new one.
   */
  cut(): Promise<number> {
    let item: { kind: 'cut'; waiter: Waiter; closedSegment: number } | undefined;
    return this.push((waiter) => {
      item = { kind: 'cut', waiter, closedSegment: -1 };
      return item;
    }).then(() => item?.closedSegment ?? -1);
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    await this.barrier().catch(() => undefined);
    this.closed = true;
    await this.fh?.close();
    this.fh = null;
  }

  private push(make: (w: Waiter) => QueueItem): Promise<void> {
    if (this.closed) {
      return Promise.reject(new Error('WAL is closed'));
    }
    if (this.failure !== null) {
      return Promise.reject(this.failure);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push(make({ resolve, reject }));
      if (!this.running) {
        this.running = true;
        // Deferred so that synchronous callers in the same tick join this group.
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const cutAt = this.queue.findIndex((q) => q.kind === 'cut');
        const group = cutAt === -1 ? this.queue : this.queue.slice(0, cutAt + 1);
        this.queue = cutAt === -1 ? [] : this.queue.slice(cutAt + 1);
        await this.commit(group);
      }
    } catch (err) {
      // After a failed write or fsync the file state is unknown; refuse further appends rather than
      // acknowledge data that may not be there.
      this.failure = err instanceof Error ? err : new Error(String(err));
      const pending = this.queue;
      this.queue = [];
      for (const item of pending) {
        item.waiter?.reject(this.failure);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(group: QueueItem[]): Promise<void> {
    const bufs: Uint8Array[] = [];
    let size = 0;
    for (const item of group) {
      if (item.kind === 'record') {
        bufs.push(item.bytes);
        size += item.bytes.length;
      }
    }
    try {
      if (size > 0) {
        if (this.segmentSize > 0 && this.segmentSize + size > this.opts.segmentBytes) {
          await this.rotate();
        }
        const fh = this.fh as FileHandle;
        await writeAll(fh, bufs, size);
        await fh.datasync();
        this.fsyncs++;
        this.segmentSize += size;
        this.bytesWritten += size;
      }
      const last = group[group.length - 1];
      if (last.kind === 'cut') {
        last.closedSegment = this.segment;
        await this.rotate();
      }
    } catch (err) {
      for (const item of group) {
        item.waiter?.reject(err instanceof Error ? err : new Error(String(err)));
      }
      throw err;
    }
    for (const item of group) {
      item.waiter?.resolve();
    }
  }

  private async rotate(): Promise<void> {
    await this.fh?.close();
    this.fh = null;
    await this.openSegment(this.segment + 1);
  }

  private async openSegment(n: number): Promise<void> {
    const path = join(this.opts.dir, segmentName(n));
    this.fh = await open(path, 'a');
    this.segment = n;
    this.segmentSize = (await stat(path)).size;
    await syncDir(this.opts.dir);
  }
}

async function writeAll(fh: FileHandle, bufs: Uint8Array[], size: number): Promise<void> {
  let remaining = size;
  // One contiguous buffer beats a long iovec (IOV_MAX is 1024) when a group has many small records.
  let pending = bufs.length > 16 ? [Buffer.concat(bufs, size)] : bufs;
  while (remaining > 0) {
    const { bytesWritten } = await fh.writev(pending);
    remaining -= bytesWritten;
    if (remaining > 0) {
      pending = dropPrefix(pending, bytesWritten);
    }
  }
}

function dropPrefix(bufs: Uint8Array[], n: number): Uint8Array[] {
  let skip = n;
  const out: Uint8Array[] = [];
  for (const b of bufs) {
    if (skip >= b.length) {
      skip -= b.length;
    } else {
      out.push(skip > 0 ? b.subarray(skip) : b);
      skip = 0;
    }
  }
  return out;
}
