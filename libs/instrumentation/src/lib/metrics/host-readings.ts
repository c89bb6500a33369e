import { readFile, statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';

/** Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const USER_HZ = 100;
const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** Seconds each CPU mode has used since boot, summed over CPUs (`/proc/stat`, else `os.cpus()`). */
export async function readCpuSeconds(): Promise<Record<string, number>> {
  try {
    const stat = await readFile('/proc/stat', 'utf8');
    const fields = stat.slice(0, stat.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
    const result: Record<string, number> = {};
    CPU_MODES.forEach((mode, i) => {
      if (Number.isFinite(fields[i])) result[mode] = (fields[i] as number) / USER_HZ;
    });
    return result;
  } catch {
    const result: Record<string, number> = { user: 0, nice: 0, system: 0, idle: 0, irq: 0 };
    for (const cpu of cpus()) {
      for (const mode of ['user', 'nice', 'sys', 'idle', 'irq'] as const) {
        result[mode === 'sys' ? 'system' : mode] += cpu.times[mode] / 1000;
      }
    }
    return result;
  }
}

/** Total and available memory in bytes (`/proc/meminfo` MemAvailable counts reclaimable cache as free). */
export async function readMemory(): Promise<{ total: number; available: number }> {
  try {
    const info = await readFile('/proc/meminfo', 'utf8');
    const kb = (key: string): number | undefined => {
      const match = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { total: kb('MemTotal') ?? totalmem(), available: kb('MemAvailable') ?? freemem() };
  } catch {
    return { total: totalmem(), available: freemem() };
  }
}

/** Size and free bytes (available to unprivileged users) of the file system holding `path`. */
export async function readDisk(path: string): Promise<{ total: number; free: number } | undefined> {
  try {
    const stats = await statfs(path);
    return { total: stats.blocks * stats.bsize, free: stats.bavail * stats.bsize };
  } catch {
    return undefined;
  }
}

/** Received and transmitted bytes per network device since boot (`/proc/net/dev`), loopback included. */
export async function readNetwork(): Promise<
  Array<{ device: string; received: number; transmitted: number }>
> {
  try {
    const dev = await readFile('/proc/net/dev', 'utf8');
    return dev
      .split('\n')
      .slice(2)
      .filter((line) => line.includes(':'))
      .map((line) => {
        const [name, rest] = line.split(':') as [string, string];
        const fields = rest.trim().split(/\s+/).map(Number);
        return { device: name.trim(), received: fields[0] ?? 0, transmitted: fields[8] ?? 0 };
      });
  } catch {
    return [];
  }
}
