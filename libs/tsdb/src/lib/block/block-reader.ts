import { closeSync, openSync, readSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { readUvarint, readVarint, VarintCursor } from '../encoding/varint';
import { chunkSampleCount } from '../chunk/xor-chunk';
import { ChunkView } from '../head/head-chunk';
import { LabelInterner } from '../head/label-interner';
import { LabelPairs } from '../head/label-pairs';
import { MemPostings } from '../index/mem-postings';
import { Postings } from '../index/postings';
import { ChunkRef } from '../querier/chunk-ref';
import { QuerySource } from '../querier/query-source';
import { BLOCK_FILES, BlockMeta, isBlockMeta } from './block-meta';
import { INDEX_MAGIC } from './block-writer';

/** A block that cannot be used; the database reports it and leaves it out. */
export class BlockCorruptError extends Error {
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(`block ${dir}: ${reason}`);
    this.name = 'BlockCorruptError';
  }
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

/**
 * An open block: its index lives in memory (labels, postings, chunk bounds in typed arrays), its
 * chunk bytes stay on disk and are read per chunk when an iterator reaches them. Series refs are the
 * series' positions in the index (0..n-1), so postings are sorted by construction.
 */
export class BlockReader implements QuerySource {
  private readonly pairs: LabelPairs[] = [];
  private readonly chunkStart: Uint32Array;
  private readonly cMinT: Float64Array;
  private readonly cMaxT: Float64Array;
  private readonly cOffset: Float64Array;
  private readonly cLength: Uint32Array;
  // The same inverted index as the head's, filled once from the block's index file.
  private readonly index = new MemPostings();
  private fd: number;
  private refs = 0;
  private deleted = false;

  private constructor(
    readonly dir: string,
    readonly meta: BlockMeta,
    index: Uint8Array,
    interner: LabelInterner,
  ) {
    const cur: VarintCursor = { offset: 4 };
    const nSymbols = readUvarint(index, cur);
    const symbols: string[] = new Array(nSymbols);
    for (let i = 0; i < nSymbols; i++) {
      const len = readUvarint(index, cur);
      symbols[i] = interner.intern(DECODER.decode(index.subarray(cur.offset, cur.offset + len)));
      cur.offset += len;
    }
    const nSeries = readUvarint(index, cur);
    this.chunkStart = new Uint32Array(nSeries + 1);
    const total = meta.stats.numChunks;
    this.cMinT = new Float64Array(total);
    this.cMaxT = new Float64Array(total);
    this.cOffset = new Float64Array(total);
    this.cLength = new Uint32Array(total);
    let c = 0;
    for (let s = 0; s < nSeries; s++) {
      const n = readUvarint(index, cur);
      const pairs: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const sym = readUvarint(index, cur);
        if (sym >= nSymbols) {
          throw new RangeError('symbol out of range');
        }
        pairs[i] = symbols[sym];
      }
      this.pairs.push(pairs);
      this.index.add(s, pairs);
      this.chunkStart[s] = c;
      const nChunks = readUvarint(index, cur);
      let prevMaxT = meta.minT;
      let prevOffset = 0;
      for (let i = 0; i < nChunks; i++, c++) {
        if (c >= total) {
          throw new RangeError('more chunks than meta.json declares');
        }
        const minT = prevMaxT + readVarint(index, cur);
        const maxT = minT + readUvarint(index, cur);
        const offset = prevOffset + readUvarint(index, cur);
        this.cMinT[c] = minT;
        this.cMaxT[c] = maxT;
        this.cOffset[c] = offset;
        this.cLength[c] = readUvarint(index, cur);
        prevMaxT = maxT;
        prevOffset = offset;
      }
    }
    this.chunkStart[nSeries] = c;
    this.fd = openSync(join(dir, BLOCK_FILES.chunks), 'r');
  }

  /** Opens and verifies a block directory (meta present, index checksum, file sizes). */
  static async open(dir: string, interner: LabelInterner): Promise<BlockReader> {
    let meta: unknown;
    try {
      meta = JSON.parse(await readFile(join(dir, BLOCK_FILES.meta), 'utf8'));
    } catch (err) {
      throw new BlockCorruptError(dir, `unreadable meta.json (${(err as Error).message})`);
    }
    if (!isBlockMeta(meta)) {
      throw new BlockCorruptError(dir, 'meta.json has an unknown shape');
    }
    const index = await readFile(join(dir, BLOCK_FILES.index));
    const dv = new DataView(index.buffer, index.byteOffset, index.byteLength);
    if (index.length < 8 || dv.getUint32(0, true) !== INDEX_MAGIC) {
      throw new BlockCorruptError(dir, 'index magic missing');
    }
    if (crc32(index.subarray(0, index.length - 4)) !== dv.getUint32(index.length - 4, true)) {
      throw new BlockCorruptError(dir, 'index checksum mismatch');
    }
    const chunksSize = (await stat(join(dir, BLOCK_FILES.chunks))).size;
    if (chunksSize !== meta.files.chunks.size) {
      throw new BlockCorruptError(
        dir,
        `chunks file is ${chunksSize} bytes, meta.json says ${meta.files.chunks.size}`,
      );
    }
    try {
      return new BlockReader(dir, meta, index.subarray(0, index.length - 4), interner);
    } catch (err) {
      throw new BlockCorruptError(dir, `malformed index (${(err as Error).message})`);
    }
  }

  get minT(): number {
    return this.meta.minT;
  }

  /** Inclusive bound for queries (meta's maxT is exclusive). */
  get maxT(): number {
    return this.meta.maxT - 1;
  }

  get sizeBytes(): number {
    return this.meta.files.chunks.size + this.meta.files.index.size;
  }

  /** Keeps the chunk file open for a reader, even if retention deletes the block meanwhile. */
  acquire(): void {
    this.refs++;
  }

  release(): void {
    this.refs--;
    this.closeIfUnused();
  }

  /** Called when the block's files are deleted: close once the last reader lets go. */
  markDeleted(): void {
    this.deleted = true;
    this.closeIfUnused();
  }

  labelNames(): Iterable<string> {
    return this.index.labelNames();
  }

  labelValuesOf(name: string): Iterable<string> {
    return this.index.labelValuesOf(name);
  }

  postings(name: string, value: string): Postings {
    return this.index.postings(name, value);
  }

  allPostings(): Postings {
    return this.index.allPostings();
  }

  seriesPairs(ref: number): LabelPairs | undefined {
    return this.pairs[ref];
  }

  seriesOverlaps(ref: number, mint: number, maxt: number): boolean {
    for (let c = this.chunkStart[ref]; c < this.chunkStart[ref + 1]; c++) {
      if (this.cMaxT[c] >= mint && this.cMinT[c] <= maxt) {
        return true;
      }
    }
    return false;
  }

  chunkRefs(ref: number, mint: number, maxt: number): ChunkRef[] {
    const out: ChunkRef[] = [];
    for (let c = this.chunkStart[ref]; c < this.chunkStart[ref + 1]; c++) {
      if (this.cMaxT[c] >= mint && this.cMinT[c] <= maxt) {
        const idx = c;
        let cached: ChunkView | undefined;
        out.push({
          minT: this.cMinT[c],
          maxT: this.cMaxT[c],
          read: () => (cached ??= this.readChunk(idx)),
        });
      }
    }
    return out;
  }

  private readChunk(c: number): ChunkView {
    if (this.fd < 0) {
      throw new Error(`block ${this.meta.id} is closed`);
    }
    const len = this.cLength[c];
    const buf = new Uint8Array(len);
    const read = readSync(this.fd, buf, 0, len, this.cOffset[c]);
    if (read !== len) {
      throw new BlockCorruptError(this.dir, `short read of chunk at ${this.cOffset[c]}`);
    }
    const cur: VarintCursor = { offset: 0 };
    const dataLen = readUvarint(buf, cur);
    const bytes = buf.subarray(cur.offset, cur.offset + dataLen);
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (cur.offset + dataLen + 4 !== len || crc32(bytes) !== dv.getUint32(cur.offset + dataLen, true)) {
      throw new BlockCorruptError(this.dir, `chunk checksum mismatch at ${this.cOffset[c]}`);
    }
    return { bytes, count: chunkSampleCount(bytes), minT: this.cMinT[c], maxT: this.cMaxT[c] };
  }

  private closeIfUnused(): void {
    if (this.deleted && this.refs <= 0 && this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }

  /** Closes the chunk file now (database shutdown). */
  close(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}
