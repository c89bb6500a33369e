import { labelsFingerprint } from './fingerprint';

describe('labelsFingerprint', () => {
  it('pins the FNV-1a 64 value computed independently (Python) for a known label set', () => {
    expect(labelsFingerprint({ __name__: 'up', instance: 'a:1', job: 'x' })).toBe('de0edf44ccf98a67');
  });

  it('hashes non-ASCII values as UTF-8', () => {
    expect(labelsFingerprint({ a: 'é😀' })).toBe('fed9fc09f8f4f825');
  });

  it('returns the FNV offset basis for the empty set, like Prometheus', () => {
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
  });

  it('does not depend on key insertion order', () => {
    expect(labelsFingerprint({ job: 'x', instance: 'a:1' })).toBe(
      labelsFingerprint({ instance: 'a:1', job: 'x' }),
    );
  });

  it('separates names from values so shifted boundaries differ', () => {
    expect(labelsFingerprint({ a: 'bc' })).not.toBe(labelsFingerprint({ ab: 'c' }));
  });

  it('is always 16 lowercase hex characters', () => {
    for (let i = 0; i < 50; i++) {
      expect(labelsFingerprint({ n: String(i) })).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
