import { Counter, Gauge } from 'prom-client';
import { readCpuSeconds, readDisk, readMemory, readNetwork } from './host-readings';
import type { MetricsRegistry } from './metrics-registry';

export interface HostMetricsOptions {
  /** File systems to report, by a path on each (default: the working directory). */
  readonly diskPaths?: readonly string[];
}

/**
 * Host CPU, memory, disk and network, read from the OS when Prometheus scrapes (no timers, no cost between
 * scrapes). Counters are set from the kernel's running totals, so they are reset and re-filled per scrape.
 */
export function registerHostMetrics(metrics: MetricsRegistry, options: HostMetricsOptions = {}): void {
  const registers = [metrics.registry];
  const diskPaths = options.diskPaths ?? [process.cwd()];
  if (metrics.registry.getSingleMetric('host_cpu_seconds_total')) return;

  new Counter({
    name: 'host_cpu_seconds_total',
    help: 'Seconds the host CPUs spent in each mode since boot, summed over CPUs.',
    labelNames: ['mode'],
    registers,
    async collect() {
      this.reset();
      for (const [mode, seconds] of Object.entries(await readCpuSeconds())) this.inc({ mode }, seconds);
    },
  });
  new Gauge({
    name: 'host_memory_total_bytes',
    help: 'Total memory of the host.',
    registers,
    async collect() {
      this.set((await readMemory()).total);
    },
  });
  new Gauge({
    name: 'host_memory_available_bytes',
    help: 'Memory available for new work without swapping (MemAvailable).',
    registers,
    async collect() {
      this.set((await readMemory()).available);
    },
  });
  new Gauge({
    name: 'host_disk_size_bytes',
    help: 'Size of the file system holding each configured path.',
    labelNames: ['path'],
    registers,
    async collect() {
      for (const path of diskPaths) {
        const disk = await readDisk(path);
        if (disk) this.set({ path }, disk.total);
      }
    },
  });
  new Gauge({
    name: 'host_disk_free_bytes',
    help: 'Free bytes (available to unprivileged users) on the file system holding each configured path.',
    labelNames: ['path'],
    registers,
    async collect() {
      for (const path of diskPaths) {
        const disk = await readDisk(path);
        if (disk) this.set({ path }, disk.free);
      }
    },
  });
  new Counter({
    name: 'host_network_receive_bytes_total',
    help: 'Bytes received per network device since boot.',
    labelNames: ['device'],
    registers,
    async collect() {
      this.reset();
      for (const { device, received } of await readNetwork()) this.inc({ device }, received);
    },
  });
  new Counter({
    name: 'host_network_transmit_bytes_total',
    help: 'Bytes transmitted per network device since boot.',
    labelNames: ['device'],
    registers,
    async collect() {
      this.reset();
      for (const { device, transmitted } of await readNetwork()) this.inc({ device }, transmitted);
    },
  });
}
