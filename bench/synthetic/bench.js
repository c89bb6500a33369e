// 1,000 HTTP checks at 10 s against a loopback server on ONE synthetic-runner (the real build, on Redis), for
// BENCH_SECONDS (default 120). Prints lateness p50/p99 (actual minus scheduled start, from the results' own
// latenessSeconds), the runner's CPU share (from /proc, after a warm-up interval) and its memory.
// Then the targets (lateness p99 <= 50 ms, CPU < 0.5 core) and whether each is met; with BENCH_ENFORCE=1 a
// missed target exits 1.
// Usage: npx nx build synthetic-runner && node bench/synthetic/bench.js
const { spawn } = require('node:child_process');
const { mkdtempSync, writeFileSync, readFileSync } = require('node:fs');
const { cpus, loadavg, tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const Redis = require('ioredis');
const { judge } = require('./targets');

const ROOT = resolve(__dirname, '../..');
const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const WARMUP_MS = 12_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

// Main thread (the event loop): ns it was runnable but waiting for a CPU (2nd field of schedstat). A large figure
// means the machine, not the runner, made checks late.
function runQueueWaitNs(pid) {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
}

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function main() {
  const target = spawn(process.execPath, [join(__dirname, 'target-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((ok) => target.stdout.once('data', (d) => ok(Number(String(d).trim()))));
  const prefix = `bench-${process.pid}:`;
  const file = join(mkdtempSync(join(tmpdir(), 'neo-bench-')), 'checks.yaml');
  const lines = ['checks:'];
  for (let i = 0; i < CHECKS; i++) {
    lines.push(
      `  - { name: c${i}, url: "http://127.0.0.1:${port}/c${i}", interval: 10s, timeout: 5s, conditions: ["[STATUS] == 200", "[BODY].status == UP"] }`,
    );
  }
  writeFileSync(file, lines.join('\n'));

  const sub = new Redis(REDIS_URL, { disableClientInfo: true });
  const lateness = [];
  let results = 0;
  let failures = 0;
  let measuring = false;
  await sub.subscribe(`${prefix}neo.check.result.v1`);
  sub.on('message', (_channel, message) => {
    const payload = JSON.parse(message).payload;
    results++;
    if (!payload.success) failures++;
    if (measuring && typeof payload.latenessSeconds === 'number')
      lateness.push(payload.latenessSeconds * 1000);
  });

  const runner = spawn(process.execPath, [join(ROOT, 'dist/apps/synthetic-runner/main.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      REDIS_URL,
      NEO_KEY_PREFIX: prefix,
      NEO_CHANNEL_PREFIX: prefix,
      NEO_SYNTHETIC_CONFIG: file,
      NEO_SYNTHETIC_PORT: String(20000 + (process.pid % 10000)),
      NEO_SYNTHETIC_HOST: '127.0.0.1',
      NEO_LOG_LEVEL: 'warn',
      NEO_TRACING_ENABLED: 'false',
    },
  });
  console.log(`runner pid ${runner.pid}: ${CHECKS} checks at 10s against 127.0.0.1:${port}, ${SECONDS}s`);
  await new Promise((ok) => setTimeout(ok, WARMUP_MS));
  measuring = true;
  const t0 = Date.now();
  const c0 = cpuTicks(runner.pid);
  const w0 = runQueueWaitNs(runner.pid);
  let peakRss = 0;
  while (Date.now() - t0 < SECONDS * 1000 - WARMUP_MS) {
    await new Promise((ok) => setTimeout(ok, 1000));
    peakRss = Math.max(peakRss, rssMiB(runner.pid));
  }
  const elapsedS = (Date.now() - t0) / 1000;
  const cpu = (cpuTicks(runner.pid) - c0) / CLOCK_TICKS / elapsedS;
  const runQueueWaitMs = (runQueueWaitNs(runner.pid) - w0) / 1e6;
  const rss = rssMiB(runner.pid);
  runner.kill('SIGTERM');
  target.kill('SIGTERM');
  lateness.sort((a, b) => a - b);
  sub.disconnect();
  const figures = {
    checks: CHECKS,
    intervalSeconds: 10,
    measuredSeconds: Math.round(elapsedS),
    results,
    failures,
    latenessSamples: lateness.length,
    latenessP50Ms: Number(quantile(lateness, 0.5)?.toFixed(2)),
    latenessP99Ms: Number(quantile(lateness, 0.99)?.toFixed(2)),
    latenessMaxMs: Number(lateness.at(-1)?.toFixed(2)),
    cpuCores: Number(cpu.toFixed(3)),
    rssMiB: Number(rss.toFixed(1)),
    peakRssMiB: Number(peakRss.toFixed(1)),
    // Context for the lateness figures on a shared machine.
    eventLoopRunQueueWaitMs: Math.round(runQueueWaitMs),
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    cpus: cpus().length,
  };
  const targets = judge(figures);
  const allMet = targets.every((t) => t.met);
  console.log(JSON.stringify({ ...figures, targets, allTargetsMet: allMet }, null, 2));
  for (const t of targets) console.log(`${t.met ? 'MET   ' : 'MISSED'} ${t.target}: ${t.value}`);
  if (!allMet && process.env.BENCH_ENFORCE === '1') process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
