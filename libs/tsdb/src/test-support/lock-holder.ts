/**
 * Child process for the lock test: opens a Tsdb on the given directory, tells the parent, and keeps it
 * open until killed. Usage: lock-holder <dataDir>.
 */
import { Tsdb } from '../lib/db/tsdb';

Tsdb.open({ dataDir: process.argv[2] }).then(
  (db) => {
    process.send?.({ type: 'ready', pid: process.pid });
    // Holds the store (and its lock) until the parent kills this process.
    setInterval(() => db.stats(), 60_000);
  },
  (err: unknown) => {
    process.stderr.write(`lock-holder failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
