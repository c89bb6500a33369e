/** meta.json of a block: written last, so a block directory without it is incomplete. */
export interface BlockMeta {
  readonly version: 1;
  readonly id: string;
  /** Inclusive start of the block's aligned range (ms). */
  readonly minT: number;
  /** Exclusive end of the block's aligned range (ms). */
  readonly maxT: number;
  readonly stats: { readonly numSeries: number; readonly numChunks: number; readonly numSamples: number };
  readonly files: {
    readonly chunks: { readonly size: number; readonly crc32: number };
    readonly index: { readonly size: number; readonly crc32: number };
  };
}

export const BLOCK_FILES = { chunks: 'chunks', index: 'index', meta: 'meta.json' } as const;

export function isBlockMeta(value: unknown): value is BlockMeta {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const m = value as Record<string, unknown>;
  return (
    m['version'] === 1 &&
    typeof m['id'] === 'string' &&
    typeof m['minT'] === 'number' &&
    typeof m['maxT'] === 'number'
  );
}
