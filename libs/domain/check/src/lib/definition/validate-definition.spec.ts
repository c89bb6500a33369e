import { formatDefinitionIssues, validateCheckDefinition } from './validate-definition';

function issues(raw: unknown) {
  const result = validateCheckDefinition(raw);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.issues;
}

describe('validateCheckDefinition', () => {
  it('accepts a minimal HTTP check and fills in the defaults', () => {
    const result = validateCheckDefinition({ name: 'api', url: 'http://127.0.0.1:1/' });
    expect(result).toMatchObject({
      ok: true,
      check: { kind: 'http', intervalMs: 30_000, expectedStatus: '2xx' },
    });
  });

  it('names the condition, its position and the reason', () => {
    expect(issues({ name: 'api', url: 'http://127.0.0.1:1/', conditions: ['[STATUS] === 200'] })).toEqual([
      {
        field: 'conditions.0',
        message: 'check "api": condition "[STATUS] === 200" does not parse at position 12: expected a value',
      },
    ]);
    expect(
      issues({ name: 'api', url: 'http://127.0.0.1:1/', conditions: ['[STATUSS] == 200'] })[0],
    ).toMatchObject({
      field: 'conditions.0',
      message: expect.stringContaining('position 1: unknown placeholder [STATUSS]'),
    });
  });

  it('names the field of a bad regex, duration, type, URL and unknown key', () => {
    const regex = issues({
      name: 'j',
      type: 'journey',
      steps: [{ name: 's', url: 'http://127.0.0.1:1/', store: { id: '[BODY] =~ /(unclosed/' } }],
    });
    expect(regex[0]).toMatchObject({
      field: 'steps.0.store.id',
      message: expect.stringContaining('not a valid regex'),
    });
    expect(issues({ name: 'a', url: 'http://127.0.0.1:1/', interval: '10 seconds' })).toEqual([
      { field: 'interval', message: 'not a valid duration "10 seconds" (use e.g. 500ms, 10s, 1m30s)' },
    ]);
    expect(issues({ name: 'a', type: 'ftp', url: 'ftp://x/' })[0]?.field).toBe('type');
    expect(issues({ name: 'a' })[0]?.field).toBe('url');
    expect(issues({ name: 'a', url: 'http://127.0.0.1:1/', intervall: '1m' })).toEqual([
      { field: 'intervall', message: 'unknown key' },
    ]);
  });

  it('formats issues for a log line', () => {
    expect(
      formatDefinitionIssues([
        { field: 'url', message: 'bad' },
        { field: 'type', message: 'worse' },
      ]),
    ).toBe('url: bad; type: worse');
  });
});
