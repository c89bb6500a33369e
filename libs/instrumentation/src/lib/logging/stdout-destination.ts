import pino from 'pino';

const KEY = Symbol.for('neo.instrumentation.stdout');

/**
 * One buffered, asynchronous stdout writer per process. Asynchronous so a log line never waits on the
 * terminal or pipe; shared because in all-in-one several services log from one process, and separate
 * buffers on one file descriptor could interleave partial lines. pino flushes it on exit.
 */
export function sharedStdout(): pino.DestinationStream {
  const holder = globalThis as unknown as Record<symbol, pino.DestinationStream | undefined>;
  holder[KEY] ??= pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return holder[KEY];
}
