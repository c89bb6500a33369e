import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsRegistry } from '@neo/instrumentation';
import { waitFor } from '@neo/testing';
import { Tsdb } from '@neo/tsdb';
import { startWriteReceiver, type LoopbackWriteReceiver } from './loopback-write-receiver';
import { RemoteEndpoint } from './remote-endpoint';
import { RemoteWriteFanout, tapAppends } from './remote-write-fanout';
import { RemoteWriteMetrics } from './remote-write-metrics';
import { remoteWriteSchema } from './remote-write.schema';

// Small blocks so that a series left behind is garbage-collected from the head after a few seconds of data.
const BLOCK_MS = 1000;

describe('RemoteWriteFanout series memory', () => {
  let dir: string;
  let db: Tsdb;
  let receiver: LoopbackWriteReceiver;
  let endpoint: RemoteEndpoint;
  let fanout: RemoteWriteFanout;
  let store: Tsdb;
  let registry: MetricsRegistry;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'collector-fanout-'));
    db = await Tsdb.open({ dataDir: dir, blockRangeMs: BLOCK_MS, autoCompact: false });
    receiver = await startWriteReceiver();
    const config = remoteWriteSchema.parse({
      url: receiver.url,
      name: 'sink',
      queue_config: { batch_send_deadline: '10ms' },
    });
    registry = new MetricsRegistry({ serviceName: 'test', collectProcessMetrics: false });
    endpoint = new RemoteEndpoint(config, new RemoteWriteMetrics(registry));
    endpoint.start();
    fanout = new RemoteWriteFanout([endpoint]);
    store = tapAppends(db, fanout);
  });
  afterEach(async () => {
    await endpoint.stop(5000);
    await receiver.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sweep = () => fanout.forgetSeriesBefore(db.stats().headMinT);
  const received = (series: string) => receiver.samples.filter((s) => s.labels['s'] === series);

  it('forgets series the store dropped from its head, and learns them again when they come back', async () => {
    const first = await store.appendBatch([
      { labels: { __name__: 'm', s: 'gone' }, timestampMs: 100, value: 1 },
      { labels: { __name__: 'm', s: 'live' }, timestampMs: 100, value: 1 },
    ]);
    const [goneRef, liveRef] = first.refs;
    for (let t = 200; t <= 2500; t += 100) {
      await store.appendBatch([{ ref: liveRef, timestampMs: t, value: t }]);
    }
    expect(fanout.seriesCount).toBe(2);
    // Nothing is behind the head yet: a sweep keeps everything.
    expect(sweep()).toBe(0);
    expect(fanout.seriesCount).toBe(2);

    await db.compact();
    expect(db.stats().headMinT).toBeGreaterThanOrEqual(BLOCK_MS);
    // Behind the head: set aside by the first sweep, deleted by the second.
    sweep();
    expect(sweep()).toBe(1);
    expect(fanout.seriesCount).toBe(1);

    // The store no longer knows the old ref either, so no sample can come for it...
    const byOldRef = await store.appendBatch([{ ref: goneRef, timestampMs: 2600, value: 9 }]);
    expect(byOldRef.rejected.unknown_ref).toBe(1);
    // ...and an appender falls back to labels, which gives a new ref the fan-out learns.
    const back = await store.appendBatch([
      { labels: { __name__: 'm', s: 'gone' }, timestampMs: 2600, value: 2 },
    ]);
    expect(back.refs[0]).not.toBe(goneRef);
    expect(fanout.seriesCount).toBe(2);
    await store.appendBatch([{ ref: back.refs[0], timestampMs: 2700, value: 3 }]);

    await waitFor(() => received('gone').length === 3 && received('live').length === 25, {
      description: 'every forwarded sample at the receiver',
    });
    expect(received('gone').map((s) => [s.t, s.v])).toEqual([
      [100, 1],
      [2600, 2],
      [2700, 3],
    ]);
    expect(received('gone')[2].labels).toEqual({ __name__: 'm', s: 'gone' });
  });

  it('never forwards a sample of a ref it has no labels for; counts it as dropped', async () => {
    // As a columnar tap reports a by-ref sample whose labels it did not decode: labels {}.
    fanout.appended([{ labels: {}, timestampMs: 100, value: 1 }], {
      accepted: 1,
      rejected: { out_of_order: 0, duplicate: 0, too_old: 0, unknown_ref: 0, invalid: 0 },
      refs: [12345],
    });
    fanout.appended([{ ref: 12346, timestampMs: 100, value: 1 }], {
      accepted: 1,
      rejected: { out_of_order: 0, duplicate: 0, too_old: 0, unknown_ref: 0, invalid: 0 },
      refs: [12346],
    });
    expect(fanout.seriesCount).toBe(0);
    expect(await registry.registry.metrics()).toMatch(
      /neo_remote_write_dropped_total\{[^}]*reason="unknown_series"[^}]*\} 2/,
    );
  });

  it('keeps a series alive when its sample arrives between the two sweeps', async () => {
    const first = await store.appendBatch([
      { labels: { __name__: 'm', s: 'late' }, timestampMs: 100, value: 1 },
      { labels: { __name__: 'm', s: 'live' }, timestampMs: 100, value: 1 },
    ]);
    for (let t = 200; t <= 2500; t += 100) {
      await store.appendBatch([{ ref: first.refs[1], timestampMs: t, value: t }]);
    }
    // A batch for `late` the store has applied (so the series survives compaction) but whose
    // acknowledgement reaches the fan-out only after a sweep: appended straight to the engine, told later.
    const late = [{ ref: first.refs[0], timestampMs: 2500, value: 2 }];
    const result = await db.appendBatch(late);
    await db.compact();
    sweep();
    fanout.appended(late, result);
    expect(sweep()).toBe(0);
    expect(fanout.seriesCount).toBe(2);
    await waitFor(() => received('late').length === 2, { description: 'the late sample at the receiver' });
    expect(received('late')[1]).toEqual({ labels: { __name__: 'm', s: 'late' }, t: 2500, v: 2 });
  });
});
