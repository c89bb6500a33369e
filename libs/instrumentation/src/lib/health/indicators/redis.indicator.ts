import type Redis from 'ioredis';
import type { HealthContributor } from '../health-contributor';
import { withTimeout } from './with-timeout';

/** Redis answers PING within the timeout; takes the app's own ioredis client. */
export function redisIndicator(
  client: Pick<Redis, 'ping' | 'status'>,
  options: { name?: string; readiness?: boolean; timeoutMs?: number } = {},
): HealthContributor {
  return {
    name: options.name ?? 'redis',
    readiness: options.readiness ?? true,
    check: async () => {
      if (client.status !== 'ready') return { status: 'down', message: `connection ${client.status}` };
      const started = performance.now();
      try {
        await withTimeout(client.ping(), options.timeoutMs ?? 1000, 'PING');
      } catch (error) {
        return { status: 'down', message: `PING failed: ${(error as Error).message}` };
      }
      return { status: 'up', pingMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}
