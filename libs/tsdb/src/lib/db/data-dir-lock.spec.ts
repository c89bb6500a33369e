import { ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../../test-support/temp-dir';
import { DataDirLockedError, LOCK_FILE } from './data-dir-lock';
import { Tsdb } from './tsdb';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const HOLDER = resolve(__dirname, '../../test-support/lock-holder.ts');

/** A child process holding a Tsdb open on `dir`, once it says so. */
function startHolder(dir: string): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = fork(HOLDER, [dir], {
      cwd: REPO_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.typecheck.json') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('message', () => done(child));
    child.once('exit', (code) => fail(new Error(`lock holder exited (${code}): ${stderr}`)));
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** The PID of a process that has exited and been reaped. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout;
  return Number(pid.toString());
}

describe('data directory lock', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir('neo-tsdb-lock-')));
  afterEach(() => tmp.cleanup());

  const lockPath = () => join(tmp.dir, LOCK_FILE);

  it('refuses a second open in the same process until the first is closed, naming dir and PID', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    expect(readFileSync(lockPath(), 'utf8').split('\n')[0]).toBe(String(process.pid));

    const second = Tsdb.open({ dataDir: tmp.dir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`data directory ${tmp.dir} is in use by process ${process.pid}`);

    await db.appendBatch([{ labels: { __name__: 'm' }, timestampMs: 1000, value: 1 }]);
    await db.close();
    expect(existsSync(lockPath())).toBe(false);
    const again = await Tsdb.open({ dataDir: tmp.dir });
    expect(again.openReport.samplesReplayed).toBe(1);
    expect(again.openReport.staleLockPid).toBeUndefined();
    await again.close();
    // No draft or set-aside files are left beside the WAL.
    expect(readdirSync(tmp.dir).sort()).toEqual(['blocks', 'wal']);
  });

  it('refuses a directory another live process holds, and takes it over once that process is killed', async () => {
    const holder = await startHolder(tmp.dir);
    try {
      await expect(Tsdb.open({ dataDir: tmp.dir })).rejects.toThrow(
        `data directory ${tmp.dir} is in use by process ${holder.pid}`,
      );
    } finally {
      await killAndWait(holder);
    }
    const db = await Tsdb.open({ dataDir: tmp.dir });
    expect(db.openReport.staleLockPid).toBe(holder.pid);
    expect(readFileSync(lockPath(), 'utf8').split('\n')[0]).toBe(String(process.pid));
    await db.close();
  }, 30_000);

  it('takes over a lock naming a dead PID, garbage, or this PID from an earlier life (container PID 1)', async () => {
    const dead = deadPid();
    for (const [content, reported] of [
      [`${dead}\n`, dead],
      ['not a pid', 0],
      [`${process.pid}\n1\n`, process.pid],
    ] as const) {
      writeFileSync(lockPath(), content);
      const db = await Tsdb.open({ dataDir: tmp.dir });
      expect(db.openReport.staleLockPid).toBe(reported);
      await db.close();
    }
  });

  it('leaves a lock it does not own in place on close', async () => {
    const db = await Tsdb.open({ dataDir: tmp.dir });
    // An operator removed the lock and another process took the directory meanwhile.
    writeFileSync(lockPath(), '1\n');
    await db.close();
    expect(readFileSync(lockPath(), 'utf8')).toBe('1\n');
  });
});
