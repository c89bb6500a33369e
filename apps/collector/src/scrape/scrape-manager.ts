import { buildTarget } from './build-target';
import { FileDiscovery } from './discovery/file-discovery';
import type { ScrapeJob, TargetGroup } from './scrape-job';
import type { ScrapeLoop } from './scrape-loop';
import { targetKey, type ScrapeTarget } from './scrape-target';

export interface ScrapeManagerHooks {
  readonly createLoop: (target: ScrapeTarget) => ScrapeLoop;
  /** A target appeared (before its first scrape) or went away (after its staleness markers). */
  readonly added: (target: ScrapeTarget) => void;
  readonly removed: (target: ScrapeTarget) => void;
  readonly discoveryError: (job: string, message: string) => void;
}

/**
 * Keeps one ScrapeLoop per target of every job, following discovery: static groups are fixed, file_sd
 * groups are re-read on change; targets that appear start scraping, targets that vanish stop and mark
 * their series stale.
 */
export class ScrapeManager {
  private readonly loops = new Map<string, ScrapeLoop>();
  private readonly discoveries: FileDiscovery[] = [];
  /** Per job: groups per source (`static`, `file:<n>`). */
  private readonly groups = new Map<string, Map<string, TargetGroup[]>>();
  private stopped = false;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: readonly ScrapeJob[],
    private readonly hooks: ScrapeManagerHooks,
  ) {}

  async start(): Promise<void> {
    for (const job of this.jobs) {
      this.groups.set(job.name, new Map([['static', [...job.staticGroups]]]));
      await this.sync(job);
      for (const [index, sd] of job.fileSd.entries()) {
        const discovery = new FileDiscovery({
          patterns: sd.files,
          refreshMs: sd.refreshMs,
          onChange: (groups) => {
            this.groups.get(job.name)?.set(`file:${index}`, groups);
            void this.sync(job);
          },
          onError: (message) => this.hooks.discoveryError(job.name, message),
        });
        this.discoveries.push(discovery);
        await discovery.start();
      }
    }
  }

  /** Stops discovery and every loop, without staleness markers (shutdown, not target removal). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const discovery of this.discoveries) discovery.stop();
    await this.syncing;
    await Promise.all([...this.loops.values()].map((loop) => loop.stop(false)));
    this.loops.clear();
  }

  targets(): ScrapeTarget[] {
    return [...this.loops.values()].map((loop) => loop.target);
  }

  /** Re-reads discovery results by file now, instead of waiting for the refresh interval. */
  async refreshDiscovery(): Promise<void> {
    for (const discovery of this.discoveries) await discovery.refresh();
    await this.syncing;
  }

  // Serialised: two discovery changes of one job must not start the same target twice.
  private sync(job: ScrapeJob): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncJob(job)).catch(() => undefined);
    return this.syncing;
  }

  private async syncJob(job: ScrapeJob): Promise<void> {
    if (this.stopped) return;
    const prefix = `${job.name}\u0001`;
    const wanted = new Map<string, ScrapeTarget>();
    for (const groups of this.groups.get(job.name)?.values() ?? []) {
      for (const group of groups) {
        for (const address of group.targets) {
          const target = buildTarget(job, address, group.labels);
          if (target) wanted.set(prefix + targetKey(target), target);
        }
      }
    }
    const gone = [...this.loops.entries()].filter(([key]) => key.startsWith(prefix) && !wanted.has(key));
    for (const [key, loop] of gone) {
      this.loops.delete(key);
      await loop.stop(true);
      this.hooks.removed(loop.target);
    }
    for (const [key, target] of wanted) {
      if (this.loops.has(key)) continue;
      const loop = this.hooks.createLoop(target);
      this.loops.set(key, loop);
      this.hooks.added(target);
      loop.start();
    }
  }
}
