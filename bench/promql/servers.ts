import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const PROM_SCRIPT = join(ROOT, 'tools/prometheus/start.sh');
const BUILT_COLLECTOR = join(ROOT, 'dist/apps/collector/main.js');
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** A server process the benchmark started: where it listens and its pid (for CPU time). */
export interface Server {
  readonly base: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** CPU time (user + system, all threads) the process has used so far, in ms (10 ms resolution). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces): utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && alive(pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}

/** Prometheus 2.42 on loopback (tools/prometheus/start.sh), remote-write receiver enabled. */
export function startPrometheus(port: number, dir: string): Server {
  execFileSync(PROM_SCRIPT, [String(port), dir], { stdio: 'inherit', timeout: 240_000 });
  const pid = Number(readFileSync(join(dir, 'prometheus.pid'), 'utf8').trim());
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    async stop() {
      execFileSync(PROM_SCRIPT, ['stop', dir], { stdio: 'inherit' });
      await waitGone(pid);
    },
  };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`collector exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after 60 s`);
}

/**
 * The NEO collector as deployed: its own Node process (dist/apps/collector/main.js, which `npm run bench`
 * builds first; `--collector=src` runs apps/collector/src/main.ts through @swc-node/register instead), a
 * fresh NEO_DATA_DIR, no scrape jobs, on Redis. `nodeArgs` go to its Node (e.g. --cpu-prof).
 */
export async function startCollector(
  port: number,
  dir: string,
  source: 'dist' | 'src',
  nodeArgs: readonly string[],
): Promise<Server> {
  if (source === 'dist' && !existsSync(BUILT_COLLECTOR)) {
    throw new Error(`${BUILT_COLLECTOR} missing: run \`npm run bench promql\` or \`npx nx build collector\``);
  }
  const config = join(dir, 'collector.yaml');
  writeFileSync(config, 'scrape_configs: []\n');
  const main =
    source === 'dist'
      ? [BUILT_COLLECTOR]
      : ['-r', '@swc-node/register', join(ROOT, 'apps/collector/src/main.ts')];
  const child = spawn(process.execPath, [...nodeArgs, ...main], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.typecheck.json'),
      NEO_COLLECTOR_CONFIG: config,
      NEO_COLLECTOR_PORT: String(port),
      NEO_COLLECTOR_HOST: '127.0.0.1',
      NEO_DATA_DIR: join(dir, 'data'),
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      NEO_CHANNEL_PREFIX: `promql-bench-${process.pid}`,
      NEO_KEY_PREFIX: `promql-bench-${process.pid}:`,
      NEO_LOG_LEVEL: 'warn',
      NEO_TRACING_ENABLED: 'false',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('collector did not start');
  }
  try {
    await waitReady(`${base}/health/ready`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    base,
    pid,
    async stop() {
      child.kill('SIGTERM');
      await waitGone(pid);
    },
  };
}
