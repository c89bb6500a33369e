/**
 * Child process for the crash test: appends batches forever (a few in flight at once, so group commit
 * is exercised) and reports each acknowledged one to the parent, which kills it with SIGKILL at a
 * random moment. Usage: crash-writer <dataDir> <startSeq>.
 */
import { Tsdb } from '../lib/db/tsdb';
import {
  AckMessage,
  batchChecksum,
  CRASH_DB_OPTIONS,
  CRASH_SERIES,
  crashTimestamp,
  crashValue,
  expectedBatch,
} from './crash-protocol';

const IN_FLIGHT = 4;

async function main(): Promise<void> {
  const [dataDir, start] = process.argv.slice(2);
  const db = await Tsdb.open({ dataDir, ...CRASH_DB_OPTIONS });
  process.send?.({ type: 'ready' });
  let seq = Number(start);
  const send = (msg: AckMessage): void => {
    process.send?.(msg);
  };
  const writeOne = async (s: number): Promise<void> => {
    const t = crashTimestamp(s);
    const samples = Array.from({ length: CRASH_SERIES }, (_, k) => ({
      labels: { __name__: 'crash_test', k: String(k) },
      timestampMs: t,
      value: crashValue(s, k),
    }));
    const res = await db.appendBatch(samples);
    if (res.accepted !== CRASH_SERIES) {
      throw new Error(`batch ${s}: accepted ${res.accepted}, rejected ${JSON.stringify(res.rejected)}`);
    }
    send({ type: 'ack', seq: s, crc: batchChecksum(expectedBatch(s)) });
  };
  for (;;) {
    const wave: Array<Promise<void>> = [];
    for (let i = 0; i < IN_FLIGHT; i++) {
      wave.push(writeOne(seq++));
    }
    await Promise.all(wave);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-writer failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
