import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../../..');

describe('tracing: packages loaded before setupTracing', () => {
  it('still get their spans: ioredis commands under the span they run in, against real Redis', async () => {
    const child = fork(join(__dirname, '../../test-support/preloaded-redis-app.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.typecheck.json') },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((ok) => child.once('exit', ok));
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split('\n').pop() ?? '[]')).toEqual(['set', 'get', 'write-chapter']);
  }, 30_000);
});
