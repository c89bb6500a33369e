/**
 * Profiling aid, not a benchmark (bench/run.js does not run it): NEO's scrape path alone against the
 * bench's 100k-series target, for `node --cpu-prof`. Prints CPU µs per scraped sample. Run from the root:
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node --cpu-prof -r @swc-node/register bench/collector/scrape-profile.ts
 * Env: SCRAPES (default 20).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tsdb } from '@neo/tsdb';
import { fetchExposition } from '../../apps/collector/src/scrape/fetch-exposition';
import { TargetAppender } from '../../apps/collector/src/scrape/target-appender';

const SCRAPES = Number(process.env['SCRAPES'] ?? 20);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neo-scrape-profile-'));
  const child = fork(join(__dirname, 'series-target.ts'), ['100000'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  const url = `http://127.0.0.1:${port}/metrics`;
  const db = await Tsdb.open({ dataDir: dir });
  const target = {
    labels: { job: 'bench', instance: `127.0.0.1:${port}` },
    job: 'bench',
    instance: `127.0.0.1:${port}`,
    scrapeUrl: url,
    intervalMs: 1000,
    timeoutMs: 10_000,
  };
  const appender = new TargetAppender(target, db);
  try {
    let scraped = 0;
    let cpu = process.cpuUsage();
    for (let i = 0; i <= SCRAPES; i++) {
      if (i === 1) {
        cpu = process.cpuUsage();
        scraped = 0;
      }
      const fetched = await fetchExposition(url, { timeoutMs: 10_000 });
      if (!fetched.ok) throw new Error(fetched.error);
      scraped += (await appender.append(fetched.body, fetched.format, Date.now(), fetched.durationMs))
        .scraped;
      await new Promise((r) => setTimeout(r, 5));
    }
    const used = process.cpuUsage(cpu);
    console.log(`CPU per scraped sample: ${((used.user + used.system) / scraped).toFixed(3)} µs`);
  } finally {
    await db.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
