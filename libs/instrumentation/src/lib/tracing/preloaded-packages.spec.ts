import { runTestApp } from '../../test-support/fork-app';

describe('tracing: packages loaded before setupTracing', () => {
  it('still get their spans: ioredis commands under the span they run in, against real Redis', async () => {
    const out = await runTestApp('preloaded-redis-app.ts');
    expect(JSON.parse(out.trim().split('\n').pop() ?? '[]')).toEqual(['set', 'get', 'write-chapter']);
  }, 30_000);
});
