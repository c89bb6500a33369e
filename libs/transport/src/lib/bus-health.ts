import type { HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { EventBus } from './event-bus';

/**
 * Readiness of the event bus: in Redis mode the subscriber connection must be up and Redis must answer PING;
 * in-process mode is always ready and says so, so `/health` shows which bus the app runs on.
 */
export async function checkBusHealth(
  bus: EventBus,
  redis: Redis | null,
  timeoutMs = 1000,
): Promise<HealthIndicatorResult<'bus'>> {
  const base = { mode: bus.mode, ...bus.stats };
  if (bus.mode === 'in-process') {
    return { bus: { status: 'up', ...base } };
  }
  if (!bus.isConnected() || !redis) {
    return { bus: { status: 'down', ...base, message: 'not connected to Redis' } };
  }
  try {
    const started = Date.now();
    await withTimeout(redis.ping(), timeoutMs);
    return { bus: { status: 'up', ...base, pingMs: Date.now() - started } };
  } catch (error) {
    return { bus: { status: 'down', ...base, message: `Redis PING failed: ${(error as Error).message}` } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
