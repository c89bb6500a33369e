import { statSync } from 'node:fs';

/**
 * Polls a file's mtime and size. Polling rather than fs.watch: editors and Kubernetes ConfigMaps replace files by
 * rename, which watchers lose track of.
 */
export class FileWatch {
  private timer?: NodeJS.Timeout;
  private last: string;

  constructor(
    private readonly path: string,
    private readonly intervalMs: number,
    private readonly onChange: () => void,
  ) {
    this.last = this.signature();
  }

  start(): void {
    this.timer = setInterval(() => {
      const now = this.signature();
      if (now !== this.last) {
        this.last = now;
        this.onChange();
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private signature(): string {
    try {
      const stat = statSync(this.path);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'missing';
    }
  }
}
