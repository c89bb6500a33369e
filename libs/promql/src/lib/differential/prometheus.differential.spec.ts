import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePromValue } from '@neo/domain-metric';
import { createEngine } from '../engine';
import { formatQueryData, PromApiData } from '../api/format-result';
import { labelKey } from '../eval/labels';
import { almostEqual } from '../promqltest/run-test-file';
import { MemoryQueryable } from '../../test-support/memory-queryable';
import { generateData } from '../../test-support/generate-data';
import { remoteWrite } from '../../test-support/remote-write';
import { CORPUS } from './corpus';

const PORT = 19099;
const BASE = `http://127.0.0.1:${PORT}`;
const START = 1_700_000_000_000;
const STEP = 15_000;
const POINTS = 240; // 1h at 15s
const SCRIPT = join(__dirname, '../../../../../tools/prometheus/start.sh');
const dir = mkdtempSync(join(tmpdir(), 'promql-diff-'));

type Row = { key: string; values: Array<[number, number]> };

/** Prometheus' data in a comparable form: series keyed by labels, values parsed. */
function normalize(d: PromApiData): Row[] {
  const rows: Row[] = [];
  if (d.resultType === 'scalar' || d.resultType === 'string') {
    rows.push({
      key: 'scalar',
      values: [[d.result[0], d.resultType === 'scalar' ? parsePromValue(d.result[1]) : 0]],
    });
  } else if (d.resultType === 'vector') {
    for (const s of d.result) {
      rows.push({ key: labelKey(s.metric), values: [[s.value[0], parsePromValue(s.value[1])]] });
    }
  } else {
    // The scalar/string variant shares one object type, which defeats narrowing on resultType.
    const matrix = d as Extract<PromApiData, { resultType: 'matrix' }>;
    for (const s of matrix.result) {
      rows.push({
        key: labelKey(s.metric),
        values: s.values.map(([t, v]): [number, number] => [t, parsePromValue(v)]),
      });
    }
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function diff(ours: Row[], theirs: Row[]): string | undefined {
  if (ours.length !== theirs.length) {
    return `series count ${ours.length} vs prometheus ${theirs.length}: ours [${ours.map((r) => r.key).join(' | ')}] theirs [${theirs.map((r) => r.key).join(' | ')}]`;
  }
  for (let i = 0; i < ours.length; i++) {
    if (ours[i].key !== theirs[i].key) {
      return `labels ${ours[i].key} vs prometheus ${theirs[i].key}`;
    }
    const a = ours[i].values;
    const b = theirs[i].values;
    if (a.length !== b.length) {
      return `${ours[i].key}: ${a.length} points vs prometheus ${b.length}`;
    }
    for (let j = 0; j < a.length; j++) {
      if (a[j][0] !== b[j][0] || !almostEqual(a[j][1], b[j][1])) {
        return `${ours[i].key} at ${b[j][0]}: ${a[j][1]} vs prometheus ${b[j][1]}`;
      }
    }
  }
  return undefined;
}

async function promQuery(
  path: string,
  params: Record<string, string>,
): Promise<{ data?: PromApiData; error?: string }> {
  const res = await fetch(`${BASE}${path}?${new URLSearchParams(params).toString()}`);
  const body = (await res.json()) as { status: string; data?: PromApiData; error?: string };
  return body.status === 'success' ? { data: body.data } : { error: body.error ?? 'error' };
}

describe('differential: NEO engine vs Prometheus 2.42', () => {
  const store = new MemoryQueryable();
  const engine = createEngine();

  beforeAll(async () => {
    try {
      execFileSync(SCRIPT, [String(PORT), dir], { stdio: 'pipe', timeout: 240_000 });
    } catch (err) {
      throw new Error(
        `Prometheus could not be started by tools/prometheus/start.sh: ${String((err as { stderr?: Buffer }).stderr ?? err)}`,
      );
    }
    const data = generateData(START, POINTS, STEP);
    for (const s of data) {
      store.add(s.labels, s.ts, s.vs);
    }
    // Written time slice by time slice so Prometheus' head never sees out-of-order samples.
    for (let i = 0; i < POINTS; i += 40) {
      await remoteWrite(
        `${BASE}/api/v1/write`,
        data
          .map((s) => {
            const idx = s.ts
              .map((_, k) => k)
              .filter((k) => s.ts[k] >= START + i * STEP && s.ts[k] < START + (i + 40) * STEP);
            return { labels: s.labels, ts: idx.map((k) => s.ts[k]), vs: idx.map((k) => s.vs[k]) };
          })
          .filter((s) => s.ts.length > 0),
      );
    }
  }, 300_000);

  afterAll(() => {
    execFileSync(SCRIPT, ['stop', dir]);
  });

  it('has a corpus of at least 300 queries', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
  });

  it('answers every corpus query like Prometheus (instant and range)', async () => {
    const failures: string[] = [];
    const instantAt = START + 50 * 60_000 + 7_000;
    const rangeStart = START + 20 * 60_000;
    const rangeEnd = START + 59 * 60_000;
    const rangeStep = 60_000;
    for (const q of CORPUS) {
      const theirs = await promQuery('/api/v1/query', { query: q, time: String(instantAt / 1000) });
      let ours: PromApiData | undefined;
      let ourError: string | undefined;
      try {
        ours = formatQueryData(engine.instantQuery(store, q, instantAt));
      } catch (err) {
        ourError = (err as Error).message;
      }
      compare(`instant ${q}`, ours, ourError, theirs, failures);
      const theirsR = await promQuery('/api/v1/query_range', {
        query: q,
        start: String(rangeStart / 1000),
        end: String(rangeEnd / 1000),
        step: String(rangeStep / 1000),
      });
      let oursR: PromApiData | undefined;
      let ourErrorR: string | undefined;
      try {
        oursR = formatQueryData(engine.rangeQuery(store, q, rangeStart, rangeEnd, rangeStep));
      } catch (err) {
        ourErrorR = (err as Error).message;
      }
      compare(`range ${q}`, oursR, ourErrorR, theirsR, failures);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

function compare(
  name: string,
  ours: PromApiData | undefined,
  ourError: string | undefined,
  theirs: { data?: PromApiData; error?: string },
  failures: string[],
): void {
  if (theirs.error !== undefined || ourError !== undefined) {
    if ((theirs.error === undefined) !== (ourError === undefined)) {
      failures.push(`${name}: ours ${ourError ?? 'ok'} / prometheus ${theirs.error ?? 'ok'}`);
    }
    return;
  }
  const d = diff(normalize(ours as PromApiData), normalize(theirs.data as PromApiData));
  if (d !== undefined) {
    failures.push(`${name}: ${d}`);
  }
}
