import { open } from 'node:fs/promises';

/**
 * fsync a directory so a created, renamed or deleted entry survives a power cut; without it a new
 * segment's data can be durable while its name is not.
 */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
