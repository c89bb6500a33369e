import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const DIST = resolve(__dirname, '../../../../dist/apps');

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A built NEO service running as its own OS process, with its output kept for failure messages. */
export class NodeProcess {
  private output = '';
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    script: string,
    env: Readonly<Record<string, string>>,
  ) {
    this.child = spawn(process.execPath, [script], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.append(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.append(chunk));
    this.exited = new Promise((resolveExit) =>
      this.child.once('exit', (code, signal) => resolveExit({ code, signal })),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): string {
    return this.output;
  }

  /** Sends SIGTERM and waits for the exit (SIGKILL after the grace period, reported as a failure). */
  async stop(graceMs = 15_000): Promise<ExitInfo> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  private append(chunk: Buffer): void {
    // Keep the tail only: a long run must not grow memory without bound.
    this.output = (this.output + chunk.toString()).slice(-200_000);
  }
}

export function startService(app: string, env: Readonly<Record<string, string>>): NodeProcess {
  return new NodeProcess(app, resolve(DIST, app, 'main.js'), env);
}
