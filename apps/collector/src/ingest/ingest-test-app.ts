// Test support for the ingest specs (imported only by *.spec.ts): the real collector app on loopback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Tsdb } from '@neo/tsdb';
import { AppModule } from '../app.module';
import { loadCollectorConfig } from '../config/collector.config';
import { SAMPLE_STORE } from '../storage/sample-store';

export interface IngestTestApp {
  readonly app: INestApplication;
  readonly base: string;
  readonly store: Tsdb;
  /** Every stored sample of the series matching `name`, as [labels, t, v] rows sorted by labels. */
  samples(name: string): Array<[Record<string, string>, number, number]>;
  close(): Promise<void>;
}

/**
 * The collector with no scrape targets, a fresh data dir and the given extra YAML, on 127.0.0.1:0. `env` must
 * carry REDIS_URL and NEO_CHANNEL_PREFIX (from @neo/testing, which only specs may import).
 */
export async function startIngestApp(env: Record<string, string>, yaml = ''): Promise<IngestTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'collector-ingest-'));
  const file = join(dir, 'collector.yaml');
  writeFileSync(file, `scrape_configs: []\n${yaml}`);
  const config = loadCollectorConfig({
    NEO_COLLECTOR_CONFIG: file,
    NEO_DATA_DIR: join(dir, 'data'),
    NEO_LOG_LEVEL: 'silent',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const store = app.get<Tsdb>(SAMPLE_STORE);
  return {
    app,
    base: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    store,
    samples: (name) => {
      const reader = store.reader();
      try {
        const rows: Array<[Record<string, string>, number, number]> = [];
        const matchers = [{ name: '__name__', op: '=' as const, value: name }];
        for (const series of reader.select({ matchers })) {
          const it = series.iterator();
          while (it.next()) rows.push([{ ...series.labels }, it.t, it.v]);
        }
        return rows;
      } finally {
        reader.close();
      }
    },
    close: () => app.close(),
  };
}
