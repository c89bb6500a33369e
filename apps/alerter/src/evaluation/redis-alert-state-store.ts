import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { ActiveAlert } from '@neo/domain-alert';
import { parsePromValue } from '@neo/domain-metric';
import type { AlertStateStore } from './alert-state-store';

const StoredAlert = z.object({
  fingerprint: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  state: z.enum(['pending', 'firing']),
  activeAtMs: z.number(),
  firedAtMs: z.number().optional(),
  lastSeenMs: z.number(),
  // JSON has no NaN or Inf; they are stored as strings.
  value: z.union([z.number(), z.enum(['NaN', '+Inf', '-Inf']).transform(parsePromValue)]),
});

function encodeValue(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return value;
}

/**
 * Alert state in a Redis hash per rule, `<prefix>alerts:<group>:<rule>`, field fingerprint → JSON, so a
 * restarted alerter (or another replica) continues pending `for` timers and firing alerts.
 */
export class RedisAlertStateStore implements AlertStateStore {
  private readonly logger = new Logger('AlertStateStore');

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  key(group: string, rule: string): string {
    return `${this.keyPrefix}alerts:${group}:${rule}`;
  }

  async load(group: string, rule: string): Promise<ActiveAlert[]> {
    const fields = await this.redis.hgetall(this.key(group, rule));
    const alerts: ActiveAlert[] = [];
    for (const [fingerprint, json] of Object.entries(fields)) {
      const parsed = StoredAlert.safeParse(safeJson(json));
      if (parsed.success) {
        alerts.push(parsed.data);
      } else {
        // A corrupt entry must not block the rule; it is dropped and re-created on the next match.
        this.logger.warn({ msg: 'dropping unreadable alert state', key: this.key(group, rule), fingerprint });
      }
    }
    return alerts;
  }

  async save(group: string, rule: string, alerts: readonly ActiveAlert[]): Promise<void> {
    const key = this.key(group, rule);
    const transaction = this.redis.multi().del(key);
    if (alerts.length > 0) {
      transaction.hset(
        key,
        Object.fromEntries(
          alerts.map((a) => [a.fingerprint, JSON.stringify({ ...a, value: encodeValue(a.value) })]),
        ),
      );
    }
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
