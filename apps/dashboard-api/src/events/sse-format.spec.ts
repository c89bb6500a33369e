import { createEnvelope } from '@neo/contracts';
import { formatComment, formatEventMessage, formatRetry } from './sse-format';

describe('SSE formatting', () => {
  it('writes the channel as event type, the envelope id as id and the envelope as one data line', () => {
    const envelope = createEnvelope(
      'neo.check.result.v1',
      {
        checkId: 'home',
        name: 'home\npage',
        kind: 'http',
        target: 'http://127.0.0.1/',
        success: false,
        durationSeconds: 0.1,
        error: 'line one\nline two',
        startedAt: '2024-05-01T12:00:00.000Z',
      },
      { source: 'synthetic-runner' },
    );
    const message = formatEventMessage(envelope);

    const lines = message.split('\n');
    expect(lines).toEqual([
      'event: neo.check.result.v1',
      `id: ${envelope.id}`,
      `data: ${JSON.stringify(envelope)}`,
      '',
      '',
    ]);
    expect(JSON.parse(lines[2].slice('data: '.length))).toEqual(envelope);
  });

  it('writes comments and retry hints that cannot break out of their line', () => {
    expect(formatComment('keep-alive')).toBe(': keep-alive\n\n');
    expect(formatComment('a\r\nb')).toBe(': a b\n\n');
    expect(formatRetry(3000)).toBe('retry: 3000\n\n');
  });
});
