import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is not undefined or false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('accepts async probes and falsy values other than false', async () => {
    await expect(waitFor(async () => 0)).resolves.toBe(0);
    await expect(waitFor(() => '')).resolves.toBe('');
  });

  it('keeps polling through false', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls > 2, { intervalMs: 1 })).resolves.toBe(true);
  });

  it('times out with the description', async () => {
    await expect(
      waitFor(() => false, { timeoutMs: 60, intervalMs: 10, description: 'the moon' }),
    ).rejects.toThrow('timed out after 60ms waiting for the moon');
  });

  it('quotes the last probe error on timeout', async () => {
    let calls = 0;
    const probe = (): boolean => {
      throw new Error(`refused #${++calls}`);
    };
    await expect(waitFor(probe, { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
      /timed out after 50ms waiting for condition \(last error: refused #\d+\)/,
    );
    expect(calls).toBeGreaterThan(1);
  });

  it('recovers after probe errors', async () => {
    let calls = 0;
    const probe = (): string => {
      if (++calls < 3) {
        throw new Error('not yet');
      }
      return 'ok';
    };
    await expect(waitFor(probe, { intervalMs: 1 })).resolves.toBe('ok');
  });

  it('does not hang on a probe that never settles', async () => {
    const started = Date.now();
    await expect(waitFor(() => new Promise<boolean>(() => undefined), { timeoutMs: 80 })).rejects.toThrow(
      'timed out after 80ms',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
