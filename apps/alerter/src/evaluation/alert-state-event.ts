import type { AlertTransition } from '@neo/domain-alert';
import type { PayloadInputOf } from '@neo/contracts';

// The contract's value is a JSON number, which cannot carry NaN or ±Inf.
function finite(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value === Infinity) return Number.MAX_VALUE;
  if (value === -Infinity) return -Number.MAX_VALUE;
  return value;
}

/** The `neo.alert.state.v1` payload of one transition. */
export function alertStateEvent(
  group: string,
  rule: string,
  transition: AlertTransition,
): PayloadInputOf<'neo.alert.state.v1'> {
  const { alert } = transition;
  return {
    group,
    rule,
    fingerprint: alert.fingerprint,
    state: transition.to,
    previousState: transition.from,
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    value: finite(alert.value),
    activeAt: new Date(alert.activeAtMs).toISOString(),
    ...(alert.firedAtMs !== undefined ? { firedAt: new Date(alert.firedAtMs).toISOString() } : {}),
    ...(alert.state === 'resolved' ? { resolvedAt: new Date(alert.resolvedAtMs).toISOString() } : {}),
  };
}
