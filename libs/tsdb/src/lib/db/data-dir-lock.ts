import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the lock file inside the data directory. */
export const LOCK_FILE = 'lock';

/** Opening a data directory that a live process (this one included) already holds. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `data directory ${dataDir} is in use by process ${holderPid} (lock file ${join(dataDir, LOCK_FILE)}): ` +
        'two writers would corrupt its WAL; stop the other process or use another data directory',
    );
    this.name = 'DataDirLockedError';
  }
}

/** The lock a Tsdb holds on its data directory while open. */
export interface DataDirLock {
  /** PID of a dead holder whose lock was taken over, so the caller can warn about the unclean stop. */
  readonly staleHolderPid: number | undefined;
  release(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  /** Kernel start time of the holder (Linux), which tells a reused PID from the holder itself. */
  readonly startTicks: string;
  readonly raw: string;
}

// Directories locked by this process. Keyed on globalThis because the all-in-one build bundles a copy of
// this module per app: a module-level Set would let two bundles open the same directory unnoticed.
const HELD_KEY = Symbol.for('neo.tsdb.held-data-dirs');
function heldHere(): Set<string> {
  const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  holder[HELD_KEY] ??= new Set();
  return holder[HELD_KEY];
}

/** Field 22 of /proc/<pid>/stat and the state letter; undefined off Linux or when the process is gone. */
function procStat(pid: number): { state: string; startTicks: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTicks: fields[19] };
  } catch {
    return undefined;
  }
}

function isAlive(holder: Holder): boolean {
  if (holder.pid === process.pid) {
    // Our own PID: either another Tsdb of this process holds it, or a previous life of a container whose
    // main process always gets the same PID (1) left it behind.
    return false;
  }
  const stat = procStat(holder.pid);
  if (stat !== undefined) {
    // A zombie has exited and only waits to be reaped; a different start time means the PID was reused.
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return holder.startTicks === '' || holder.startTicks === stat.startTicks;
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(raw: string): Holder | undefined {
  const [pidLine = '', startLine = ''] = raw.split('\n');
  const pid = Number(pidLine.trim());
  return Number.isInteger(pid) && pid > 0 ? { pid, startTicks: startLine.trim(), raw } : undefined;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `<dir>/lock` holding this PID (first line) and its start time, failing if it exists. The content
 * is written to a private file first and hard-linked into place, which is atomic and exclusive like O_EXCL
 * but never shows another opener an empty lock. A lock whose holder is dead is moved aside and replaced;
 * a live one makes this throw {@link DataDirLockedError}.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = await realpath(dataDir);
  if (heldHere().has(dir)) throw new DataDirLockedError(dataDir, process.pid);
  const path = join(dir, LOCK_FILE);
  const content = `${process.pid}\n${procStat(process.pid)?.startTicks ?? ''}\n`;
  const unique = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const draft = join(dir, `${LOCK_FILE}.${unique}.tmp`);
  await writeFile(draft, content, { flag: 'wx' });
  let staleHolderPid: number | undefined;
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await linkExclusive(draft, path, content)) {
        heldHere().add(dir);
        return { staleHolderPid, release: () => release(dir, path, content) };
      }
      const raw = await readIfExists(path);
      if (raw === undefined) continue;
      const holder = parse(raw);
      if (holder !== undefined && isAlive(holder)) throw new DataDirLockedError(dataDir, holder.pid);
      // Stale (or unreadable garbage). Moved aside rather than deleted, then checked: if another opener
      // replaced it meanwhile, what we moved is their live lock, and it goes back.
      const aside = join(dir, `${LOCK_FILE}.${unique}.stale`);
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      if ((await readFile(aside, 'utf8')) !== raw) await link(aside, path).catch(() => undefined);
      else staleHolderPid = holder?.pid ?? 0;
      await unlink(aside);
    }
    throw new Error(`could not lock data directory ${dataDir}: ${path} kept changing while being taken`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** link(2), falling back to an O_EXCL create on file systems without hard links; false if the lock exists. */
async function linkExclusive(draft: string, path: string, content: string): Promise<boolean> {
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
  }
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function release(dir: string, path: string, content: string): Promise<void> {
  heldHere().delete(dir);
  // Only our own lock is removed: if an operator deleted it and another process took the directory, theirs
  // stays.
  if ((await readIfExists(path)) === content) await unlink(path).catch(() => undefined);
}
