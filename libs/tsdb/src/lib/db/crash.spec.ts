import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../../test-support/temp-dir';
import {
  AckMessage,
  batchChecksum,
  CRASH_DB_OPTIONS,
  CRASH_SERIES,
  crashTimestamp,
  ReadyMessage,
} from '../../test-support/crash-protocol';
import { Tsdb } from './tsdb';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const WRITER = resolve(__dirname, '../../test-support/crash-writer.ts');
const ITERATIONS = 20;
// Each run starts far beyond anything the previous run could have written.
const SEQ_STRIDE = 1_000_000;

interface RunResult {
  acked: AckMessage[];
  stderr: string;
}

function runAndKill(dataDir: string, startSeq: number, killAfterMs: number): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child: ChildProcess = fork(WRITER, [dataDir, String(startSeq)], {
      cwd: REPO_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.typecheck.json') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const acked: AckMessage[] = [];
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('message', (msg: AckMessage | ReadyMessage) => {
      if (msg.type === 'ready') {
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      } else {
        acked.push(msg);
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        fail(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      } else {
        done({ acked, stderr });
      }
    });
  });
}

/** Every stored batch, keyed by timestamp, as the writer's value layout. */
async function readBack(db: Tsdb): Promise<Map<number, { values: Buffer; seen: number }>> {
  const byT = new Map<number, { values: Buffer; seen: number }>();
  const reader = db.reader();
  try {
    for (const s of reader.select({ matchers: [{ name: '__name__', op: '=', value: 'crash_test' }] })) {
      const k = Number(s.labels['k']);
      const it = s.iterator();
      while (it.next()) {
        let entry = byT.get(it.t);
        if (entry === undefined) {
          entry = { values: Buffer.alloc(CRASH_SERIES * 8), seen: 0 };
          byT.set(it.t, entry);
        }
        // Written straight from the iterator: bit-exact, NaN payloads included.
        entry.values.writeDoubleLE(it.v, k * 8);
        entry.seen++;
      }
    }
  } finally {
    reader.close();
  }
  return byT;
}

describe('crash safety (kill -9 during ingest)', () => {
  it(`returns every acknowledged sample after ${ITERATIONS} SIGKILLs`, async () => {
    const tmp = makeTempDir('neo-tsdb-crash-');
    const allAcked: AckMessage[] = [];
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    try {
      for (let i = 0; i < ITERATIONS; i++) {
        const { acked } = await runAndKill(tmp.dir, i * SEQ_STRIDE, 20 + Math.floor(rnd() * 250));
        allAcked.push(...acked);

        const db = await Tsdb.open({ dataDir: tmp.dir, ...CRASH_DB_OPTIONS });
        try {
          const stored = await readBack(db);
          for (const ack of allAcked) {
            const entry = stored.get(crashTimestamp(ack.seq));
            if (entry === undefined || entry.seen !== CRASH_SERIES) {
              throw new Error(
                `run ${i}: acknowledged batch ${ack.seq} missing (${entry?.seen ?? 0} samples)`,
              );
            }
            expect(batchChecksum(entry.values)).toBe(ack.crc);
          }
          // Batches are atomic: an unacknowledged one is either wholly there or absent.
          for (const [t, entry] of stored) {
            if (entry.seen !== CRASH_SERIES) {
              throw new Error(`run ${i}: partial batch at ${t} (${entry.seen} samples)`);
            }
          }
        } finally {
          await db.close();
        }
      }
      expect(allAcked.length).toBeGreaterThan(ITERATIONS);
    } finally {
      tmp.cleanup();
    }
  }, 120_000);
});
