/** Options for waitFor; defaults: 5 s timeout, 50 ms between probes. */
export interface WaitForOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly description?: string;
}

const NOT_YET = Symbol('not yet');

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A probe that never settles must not hang the test past its deadline.
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof NOT_YET> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof NOT_YET>((resolve) => {
    timer = setTimeout(() => resolve(NOT_YET), Math.max(ms, 0));
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Poll `probe` until it returns something other than `undefined` or `false`, and return that.
 * A throwing probe counts as "not yet"; its last error is quoted in the timeout message.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  opts: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 50, description = 'condition' } = opts;
  const start = Date.now();
  let lastError: unknown = NOT_YET;
  for (;;) {
    const remaining = start + timeoutMs - Date.now();
    try {
      const result = await withDeadline(Promise.resolve(probe()), remaining);
      if (result !== NOT_YET && result !== undefined && result !== false) {
        return result;
      }
    } catch (error: unknown) {
      lastError = error;
    }
    const left = start + timeoutMs - Date.now();
    if (left <= 0) {
      const suffix = lastError === NOT_YET ? '' : ` (last error: ${describeError(lastError)})`;
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${description}${suffix}`);
    }
    await sleep(Math.min(intervalMs, left));
  }
}
