import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * Starts one of this folder's TypeScript apps in a plain Node process. The specs that need one test
 * instrumentations, which patch modules as Node loads them; Jest's module loader bypasses that.
 */
export function forkTestApp(
  file: string,
  options: { env?: Record<string, string>; stdout?: 'pipe' | 'ignore' } = {},
): ChildProcess {
  return fork(join(__dirname, file), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.typecheck.json'), ...options.env },
    stdio: ['ignore', options.stdout ?? 'pipe', 'inherit', 'ipc'],
  });
}

/** Runs an app to its end; resolves with what it wrote to stdout, rejects when it exits non-zero. */
export function runTestApp(file: string, env: Record<string, string> = {}): Promise<string> {
  const child = forkTestApp(file, { env });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((ok, fail) =>
    child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${file} exited with ${code}`)))),
  );
}
