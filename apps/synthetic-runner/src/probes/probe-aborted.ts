import { formatDuration } from '@neo/domain-metric';

/** Why a run was cut short; set as the AbortSignal's reason so the outcome can be told apart from a network error. */
export class ProbeAborted extends Error {
  private constructor(
    message: string,
    readonly kind: 'timeout' | 'shutdown',
  ) {
    super(message);
    this.name = 'ProbeAborted';
  }

  static timeout(ms: number): ProbeAborted {
    return new ProbeAborted(`timeout after ${formatDuration(ms)}`, 'timeout');
  }

  static shutdown(): ProbeAborted {
    return new ProbeAborted('aborted: service shutting down', 'shutdown');
  }
}
