import { uniquePrefix } from './unique-prefix';

describe('uniquePrefix', () => {
  it('has the documented shape with tag and pid', () => {
    expect(uniquePrefix('alerts')).toMatch(new RegExp(`^neo-test:alerts:${process.pid}:[0-9a-f]{8}:$`));
  });

  it('never repeats', () => {
    const prefixes = new Set(Array.from({ length: 200 }, () => uniquePrefix('x')));
    expect(prefixes.size).toBe(200);
  });
});
