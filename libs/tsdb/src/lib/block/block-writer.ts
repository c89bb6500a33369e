import { randomBytes } from 'node:crypto';
import { FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { chunkSampleCount } from '../chunk/xor-chunk';
import { SealedChunk } from '../head/head-chunk';
import { LabelPairs } from '../head/label-pairs';
import { syncDir } from '../wal/fs-sync';
import { ByteBuilder } from '../wal/byte-builder';
import { BLOCK_FILES, BlockMeta } from './block-meta';

/** One series going into a block; callers pass series sorted by labels. */
export interface BlockSeriesInput {
  readonly pairs: LabelPairs;
  readonly chunks: readonly SealedChunk[];
}

export const INDEX_MAGIC = 0x4e454f49; // "NEOI"

/**
 * Writes an immutable block atomically: files go into `<id>.tmp`, are fsync'd, meta.json last, then
 * the directory is renamed. Layout:
 * - `chunks`: per chunk `uvarint len | XOR chunk bytes | u32 crc32(chunk)`; an index entry points at it.
 * - `index`: `u32 magic | nSymbols | symbols... | nSeries | per series: nPairs, symbol ids, nChunks,
 *   per chunk: minT Δ (zigzag, from the previous chunk's maxT), maxT-minT, offset Δ, entry length |
 *   u32 crc32 of all preceding bytes`.
 */
export async function writeBlock(
  blocksDir: string,
  range: { minT: number; maxT: number },
  series: readonly BlockSeriesInput[],
): Promise<BlockMeta> {
  const id = `${String(range.minT).padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
  const tmp = join(blocksDir, `${id}.tmp`);
  await mkdir(tmp, { recursive: true });
  try {
    const symbols = new Map<string, number>();
    for (const s of series) {
      for (const str of s.pairs) {
        if (!symbols.has(str)) {
          symbols.set(str, 0);
        }
      }
    }
    const sortedSymbols = [...symbols.keys()].sort();
    sortedSymbols.forEach((s, i) => symbols.set(s, i));

    const index = new ByteBuilder(1 << 16);
    index.uint32(INDEX_MAGIC);
    index.uvarint(sortedSymbols.length);
    for (const s of sortedSymbols) {
      index.string(s);
    }
    index.uvarint(series.length);

    const chunksFh = await open(join(tmp, BLOCK_FILES.chunks), 'w');
    let chunksCrc = 0;
    let offset = 0;
    let numChunks = 0;
    let numSamples = 0;
    const pending = new ByteBuilder(1 << 20);
    try {
      for (const s of series) {
        index.uvarint(s.pairs.length);
        for (const str of s.pairs) {
          index.uvarint(symbols.get(str) ?? 0);
        }
        index.uvarint(s.chunks.length);
        let prevMaxT = range.minT;
        let prevOffset = 0;
        for (const c of s.chunks) {
          const start = pending.length;
          pending.uvarint(c.bytes.length);
          pending.bytes(c.bytes);
          pending.uint32(crc32(c.bytes));
          const entryLen = pending.length - start;
          index.varint(c.minT - prevMaxT);
          index.uvarint(c.maxT - c.minT);
          index.uvarint(offset - prevOffset);
          index.uvarint(entryLen);
          prevMaxT = c.maxT;
          prevOffset = offset;
          offset += entryLen;
          numChunks++;
          numSamples += chunkSampleCount(c.bytes);
          if (pending.length >= 1 << 20) {
            chunksCrc = await flush(chunksFh, pending, chunksCrc);
          }
        }
      }
      chunksCrc = await flush(chunksFh, pending, chunksCrc);
      await chunksFh.sync();
    } finally {
      await chunksFh.close();
    }
    index.uint32(crc32(index.written()));
    const indexBytes = index.written();
    await writeSynced(join(tmp, BLOCK_FILES.index), indexBytes);

    const meta: BlockMeta = {
      version: 1,
      id,
      minT: range.minT,
      maxT: range.maxT,
      stats: { numSeries: series.length, numChunks, numSamples },
      files: {
        chunks: { size: offset, crc32: chunksCrc },
        index: { size: indexBytes.length, crc32: crc32(indexBytes) },
      },
    };
    await writeSynced(join(tmp, BLOCK_FILES.meta), Buffer.from(JSON.stringify(meta, null, 2)));
    await syncDir(tmp);
    await rename(tmp, join(blocksDir, id));
    await syncDir(blocksDir);
    return meta;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function flush(fh: FileHandle, pending: ByteBuilder, crc: number): Promise<number> {
  const bytes = pending.written();
  if (bytes.length === 0) {
    return crc;
  }
  await fh.write(bytes);
  const next = crc32(bytes, crc);
  pending.reset();
  return next;
}

async function writeSynced(path: string, data: Uint8Array): Promise<void> {
  await writeFile(path, data);
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
