import { CHANNEL_NAMES } from '@neo/contracts';
import { parseChannelFilter } from './channel-filter';

describe('parseChannelFilter', () => {
  it('streams every channel when no filter is given', () => {
    const result = parseChannelFilter(undefined);
    expect(result.ok && [...result.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('accepts a comma-separated list, with spaces, and repeated parameters', () => {
    const result = parseChannelFilter(['neo.check.result.v1, neo.alert.state.v1', 'neo.check.result.v1']);
    expect(result.ok && [...result.channels].sort()).toEqual(['neo.alert.state.v1', 'neo.check.result.v1']);
  });

  it('refuses unknown channels by name, listing the known ones', () => {
    const result = parseChannelFilter('neo.check.result.v1,bogus');
    expect(result).toEqual({ ok: false, message: expect.stringContaining("unknown channel 'bogus'") });
    expect(!result.ok && result.message).toContain('neo.target.health.v1');
  });

  it('refuses an empty list and non-string values', () => {
    expect(parseChannelFilter('').ok).toBe(false);
    expect(parseChannelFilter(' , ').ok).toBe(false);
    expect(parseChannelFilter({ a: 'b' }).ok).toBe(false);
  });
});
