import pino from 'pino';

const KEY = Symbol.for('neo.instrumentation.stdout');

/** A quiet service still shows its last lines within this long; a busy one flushes at 4 KiB. */
const FLUSH_INTERVAL_MS = 200;

/**
 * One buffered, asynchronous stdout writer per process. Asynchronous so a log line never waits on the
 * terminal or pipe; shared because in all-in-one several services log from one process, and separate
 * buffers on one file descriptor could interleave partial lines. The periodic flush matters: without it a
 * warning logged by an idle service would sit in the buffer until 4 KiB more arrived. pino flushes on exit.
 */
export function sharedStdout(): pino.DestinationStream {
  const holder = globalThis as unknown as Record<symbol, pino.DestinationStream | undefined>;
  let destination = holder[KEY];
  if (!destination) {
    const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    setInterval(() => {
      // flush() throws while the stream is still opening or after it ended; the next tick retries.
      try {
        stream.flush();
      } catch {
        /* not ready yet or already closed */
      }
    }, FLUSH_INTERVAL_MS).unref();
    destination = stream;
    holder[KEY] = destination;
  }
  return destination;
}
