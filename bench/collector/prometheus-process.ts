import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../tools/prometheus/start.sh');
const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

/** Prometheus 2.42 started by tools/prometheus/start.sh, driven by config reloads (SIGHUP). */
export class PrometheusProcess {
  readonly pid: number;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {
    this.pid = Number(readFileSync(join(dir, 'prometheus.pid'), 'utf8').trim());
  }

  static start(port: number, dir: string): PrometheusProcess {
    execFileSync(SCRIPT, [String(port), dir], { stdio: 'inherit', timeout: 240_000 });
    return new PrometheusProcess(port, dir);
  }

  /** Rewrites prometheus.yml (start.sh's file) and reloads it. */
  reload(yaml: string): void {
    writeFileSync(join(this.dir, 'prometheus.yml'), yaml);
    process.kill(this.pid, 'SIGHUP');
  }

  /** User + system CPU seconds from /proc/<pid>/stat (fields 14 and 15). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }

  /** Its own metric from its /metrics, summed over label sets (2.42 splits some by `type`). */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const lines = text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    if (lines.length === 0) return NaN;
    return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  stop(): void {
    execFileSync(SCRIPT, ['stop', this.dir], { stdio: 'inherit' });
  }
}
