import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Envelope } from '@neo/contracts';
import { InProcessEventBus, RedisEventBus, type EventBus } from '@neo/transport';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { loadSyntheticRunnerConfig } from '../config/synthetic-runner.config';

/** A whole synthetic-runner app on loopback, its checks file on disk, and every result it published. */
export interface RunnerUnderTest {
  readonly base: string;
  /** The checks file the runner loaded (and watches). */
  readonly file: string;
  readonly results: Envelope<'neo.check.result.v1'>[];
  close(): Promise<void>;
}

/**
 * Starts the runner with `yaml` as its file and `env` as extra settings: on real Redis with its own prefixes, or, with
 * an empty `redisUrl`, on the in-process bus as in all-in-one (the caller sets NEO_ALL_IN_ONE=1).
 */
export async function startRunner(
  yaml: string,
  options: { redisUrl: string; prefix: string; env?: Record<string, string> },
): Promise<RunnerUnderTest> {
  const file = join(mkdtempSync(join(tmpdir(), 'neo-synthetic-it-')), 'synthetic-runner.yaml');
  writeFileSync(file, yaml);
  const config = loadSyntheticRunnerConfig({
    NEO_SYNTHETIC_CONFIG: file,
    REDIS_URL: options.redisUrl,
    NEO_CHANNEL_PREFIX: options.prefix,
    NEO_KEY_PREFIX: options.prefix,
    NEO_LOG_LEVEL: 'silent',
    NEO_SYNTHETIC_INITIAL_SPREAD_MS: '100',
    NEO_SYNTHETIC_SHUTDOWN_GRACE_MS: '0',
    NEO_HEARTBEAT_INTERVAL_MS: '60000',
    ...options.env,
  });
  const results: Envelope<'neo.check.result.v1'>[] = [];
  const listener: EventBus = options.redisUrl
    ? new RedisEventBus(options.redisUrl, { source: 'test', channelPrefix: options.prefix })
    : new InProcessEventBus({ source: 'test', channelPrefix: options.prefix });
  listener.subscribe('neo.check.result.v1', (envelope) => void results.push(envelope));
  await listener.start();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    base,
    file,
    results,
    close: async () => {
      await app.close();
      await listener.close();
    },
  };
}
