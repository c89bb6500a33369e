import { readFile } from 'node:fs/promises';
import type { TargetGroup } from '../scrape-job';
import { expandGlob } from './glob';
import { parseTargetFile } from './target-file';

export interface FileDiscoveryOptions {
  readonly patterns: readonly string[];
  readonly refreshMs: number;
  /** Called with every group of every matching file whenever any of them changed. */
  readonly onChange: (groups: TargetGroup[]) => void;
  /** A file that cannot be read or parsed keeps its previous groups; this says why. */
  readonly onError: (message: string) => void;
}

/**
 * Prometheus' file_sd: re-reads the files matching the patterns every refresh interval and reports the
 * groups when the content changed. Polling rather than fs.watch, so editors that replace files by rename
 * and network filesystems behave the same.
 */
export class FileDiscovery {
  private readonly contents = new Map<string, string>();
  private readonly groups = new Map<string, TargetGroup[]>();
  private timer: NodeJS.Timeout | undefined;
  private lastReported = '';

  constructor(private readonly options: FileDiscoveryOptions) {}

  /** Reads once (so the first targets exist before scraping starts), then polls. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const files = new Set(this.options.patterns.flatMap(expandGlob));
    for (const path of [...this.groups.keys()]) {
      if (!files.has(path)) {
        this.groups.delete(path);
        this.contents.delete(path);
      }
    }
    for (const path of files) {
      let content: string;
      try {
        content = await readFile(path, 'utf8');
      } catch (error) {
        // A file named without wildcard that does not exist yet is normal; it may appear later.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          this.options.onError(`${path}: ${(error as Error).message}`);
        this.groups.delete(path);
        this.contents.delete(path);
        continue;
      }
      if (this.contents.get(path) === content) continue;
      try {
        this.groups.set(path, parseTargetFile(path, content));
        this.contents.set(path, content);
      } catch (error) {
        this.options.onError((error as Error).message);
      }
    }
    const all = [...this.groups.keys()].sort().flatMap((path) => this.groups.get(path) ?? []);
    const signature = JSON.stringify(all);
    if (signature !== this.lastReported) {
      this.lastReported = signature;
      this.options.onChange(all);
    }
  }
}
