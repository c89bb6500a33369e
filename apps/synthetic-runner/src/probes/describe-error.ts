import { ProbeAborted } from './probe-aborted';

/** Words for why a probe failed: the abort reason (timeout, shutdown) or the socket error's message. */
export function describeError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof ProbeAborted) {
    return signal.reason.message;
  }
  const cause = errorLike(error)?.cause;
  const described = errorLike(cause) ?? errorLike(error);
  return described ? described.message || described.name || 'request failed' : String(error);
}

// Duck-typed rather than `instanceof Error`: errors from Node's internals may come from another realm.
function errorLike(value: unknown): { message: string; name?: string; cause?: unknown } | undefined {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  ) {
    return value as { message: string; name?: string; cause?: unknown };
  }
  return undefined;
}
