import { encodeEnvelope, type Envelope } from '@neo/contracts';

/**
 * One SSE message per envelope: the channel as the event type (so browsers can `addEventListener(channel)`),
 * the envelope id as the event id, and the whole envelope as JSON on a single `data:` line.
 */
export function formatEventMessage(envelope: Envelope): string {
  return `event: ${singleLine(envelope.channel)}\nid: ${singleLine(envelope.id)}\ndata: ${encodeEnvelope(envelope)}\n\n`;
}

/** A comment line: ignored by clients, but traffic that keeps proxies and load balancers from idling out. */
export function formatComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

/** Tells EventSource how long to wait before reconnecting after the stream ends. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

// A newline inside a field would end it early and let text smuggle in fields; JSON never contains one.
function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
