import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, type ChannelName, type PayloadInputOf, type PayloadOf } from './channels';

/** W3C trace-context `traceparent`: version-traceid-parentid-flags. */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

const EnvelopeShape = z.object({
  id: z.string().min(1),
  channel: z.string().min(1),
  time: z.string().min(1),
  source: z.string().min(1),
  traceparent: z.string().regex(TRACEPARENT).optional(),
  payload: z.unknown(),
});

export interface Envelope<C extends ChannelName = ChannelName> {
  readonly id: string;
  readonly channel: C;
  /** ISO-8601 time the event was created. */
  readonly time: string;
  /** Service that published the event. */
  readonly source: string;
  readonly traceparent?: string;
  readonly payload: PayloadOf<C>;
}

export interface EnvelopeMeta {
  readonly source: string;
  readonly traceparent?: string;
  readonly now?: Date;
}

/** Builds an envelope, validating the payload so a publisher cannot put a bad event on the wire. */
export function createEnvelope<C extends ChannelName>(
  channel: C,
  payload: PayloadInputOf<C>,
  meta: EnvelopeMeta,
): Envelope<C> {
  const parsed = CHANNELS[channel].safeParse(payload);
  if (!parsed.success) {
    throw new InvalidPayloadError(channel, describeIssues(parsed.error));
  }
  return {
    id: randomUUID(),
    channel,
    time: (meta.now ?? new Date()).toISOString(),
    source: meta.source,
    ...(meta.traceparent && TRACEPARENT.test(meta.traceparent) ? { traceparent: meta.traceparent } : {}),
    payload: parsed.data as PayloadOf<C>,
  };
}

export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

export type DecodeResult<C extends ChannelName> =
  | { readonly ok: true; readonly envelope: Envelope<C> }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses and validates what arrived on `channel`. Never throws: a consumer logs the reason and drops the
 * message, because one bad publisher must not stop a service.
 */
export function decodeEnvelope<C extends ChannelName>(channel: C, raw: unknown): DecodeResult<C> {
  let value: unknown = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    try {
      value = JSON.parse(raw.toString());
    } catch (error) {
      return { ok: false, reason: `not JSON (${(error as Error).message})` };
    }
  }
  const shape = EnvelopeShape.safeParse(value);
  if (!shape.success) {
    return { ok: false, reason: `bad envelope: ${describeIssues(shape.error)}` };
  }
  if (shape.data.channel !== channel) {
    return {
      ok: false,
      reason: `envelope names channel '${shape.data.channel}' but arrived on '${channel}'`,
    };
  }
  const payload = CHANNELS[channel].safeParse(shape.data.payload);
  if (!payload.success) {
    return { ok: false, reason: `bad payload: ${describeIssues(payload.error)}` };
  }
  return {
    ok: true,
    envelope: { ...shape.data, channel, payload: payload.data as PayloadOf<C> },
  };
}

export class InvalidPayloadError extends Error {
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`invalid payload for ${channel}: ${reason}`);
    this.name = 'InvalidPayloadError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
