import type { PayloadInputOf } from '@neo/contracts';

/** Injection token of the service's security event sink (NEO apps bind their EventBus to it). */
export const SECURITY_EVENT_SINK = Symbol.for('neo.instrumentation.security-event-sink');

export type SecurityEvent = PayloadInputOf<'neo.security.event.v1'>;

/** Anything that can put a security event on the bus for the alerter; NEO's EventBus fits as it is. */
export interface SecurityEventSink {
  publish(channel: 'neo.security.event.v1', payload: SecurityEvent): Promise<void>;
}
