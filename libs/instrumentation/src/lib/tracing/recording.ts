import { context, trace } from '@opentelemetry/api';

/**
 * Whether the code running now is inside a span that is being recorded. The framework instrumentations check
 * this first: an unsampled request must not pay for spans nobody will see.
 */
export function recordingNow(): boolean {
  return trace.getSpan(context.active())?.isRecording() === true;
}
