import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { Tsdb } from '@neo/tsdb';
import { storeHealthContributor } from './store-health';
import { registerStoreMetrics } from './store-metrics';

describe('store metrics and health', () => {
  let db: Tsdb;

  beforeEach(async () => {
    db = await Tsdb.open({ dataDir: mkdtempSync(join(tmpdir(), 'collector-store-')) });
  });

  afterEach(async () => {
    await db.close();
  });

  it('exports the engine stats, rejected samples by reason included', async () => {
    const registry = new Registry();
    registerStoreMetrics(registry, () => db.stats());
    const labels = { __name__: 'm', job: 'x' };
    await db.appendBatch([
      { labels, timestampMs: 2000, value: 1 },
      { labels, timestampMs: 1000, value: 2 },
    ]);
    const text = await registry.metrics();
    expect(text).toContain('neo_tsdb_head_series 1');
    expect(text).toContain('neo_tsdb_samples_appended_total 1');
    expect(text).toContain('neo_tsdb_samples_rejected_total{reason="out_of_order"} 1');
    expect(text).toContain('neo_tsdb_samples_rejected_total{reason="invalid"} 0');
    expect(text).toContain('neo_tsdb_wal_corruptions_total 0');
    expect(text).toMatch(/neo_tsdb_wal_bytes [1-9]\d*/);
    expect(text).toMatch(/neo_tsdb_storage_bytes [1-9]\d*/);
    // Read twice: counters mirror the engine's totals instead of accumulating per exposition.
    expect(await registry.metrics()).toContain('neo_tsdb_samples_appended_total 1');
  });

  it('reports the store as a readiness dependency with its size', async () => {
    const health = storeHealthContributor(db);
    expect(await health.check()).toMatchObject({ status: 'up', engine: 'tsdb', series: 0 });
    expect(health.readiness).toBe(true);
  });
});
