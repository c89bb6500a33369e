import type { ConditionContext } from './condition-context';
import { ConditionSyntaxError } from './condition-syntax-error';
import { describeFailure, evaluateCondition, evaluateConditions } from './evaluate-condition';
import { parseCondition } from './parse-condition';

const NOW = Date.parse('2030-01-01T00:00:00Z');

const context: ConditionContext = {
  statusCode: 200,
  responseTimeMs: 123.4,
  body: JSON.stringify({ status: 'UP', data: { items: [{ state: 'ok' }, { state: 'bad' }] }, items: [1, 2] }),
  headers: { 'content-type': 'application/json; charset=utf-8' },
  certificateExpiresAtMs: NOW + 100 * 3600_000,
  nowMs: NOW,
};

function check(text: string, ctx: ConditionContext = context) {
  return evaluateCondition(parseCondition(text), ctx);
}

describe('conditions', () => {
  it.each([
    '[STATUS] == 200',
    '[STATUS] < 300',
    '[STATUS] != 500',
    '[RESPONSE_TIME] < 300',
    '[RESPONSE_TIME] <= 123',
    '[BODY].data.items[0].state == "ok"',
    '[BODY].data.items[1].state != ok',
    '[BODY].status == UP',
    '[BODY] == pat(*"UP"*)',
    '[HEADER].content-type == pat(application/json*)',
    '[HEADER].Content-Type != pat(text/*)',
    'len([BODY].items) > 0',
    'len([BODY].data.items) == 2',
    'has([BODY].status) == true',
    'has([BODY].nope) == false',
    '[CERTIFICATE_EXPIRATION] > 72h',
    '[CERTIFICATE_EXPIRATION] < 101h',
  ])('passes %s', (text) => {
    expect(check(text)).toMatchObject({ success: true });
  });

  it('reports the actual value of a failed condition', () => {
    expect(check('[STATUS] == 201')).toEqual({ condition: '[STATUS] == 201', success: false, actual: '200' });
    expect(check('[BODY].data.items[0].state == "down"').actual).toBe('ok');
    expect(check('[BODY].missing.deep == 1').actual).toBe('<missing>');
    expect(check('[CERTIFICATE_EXPIRATION] > 200h').actual).toBe(String(100 * 3600_000));
    expect(describeFailure(check('[STATUS] < 200'))).toBe('[STATUS] (200) < 200');
  });

  it('matches plain text bodies with pat() and treats non-JSON bodies as missing paths', () => {
    const plain = { ...context, body: 'all healthy here' };
    expect(check('[BODY] == pat(*healthy*)', plain).success).toBe(true);
    expect(check('[BODY] == pat(*sick*)', plain).success).toBe(false);
    expect(check('[BODY].status == UP', plain)).toMatchObject({ success: false, actual: '<missing>' });
  });

  it('fails ordering comparisons on non-numbers instead of throwing', () => {
    expect(check('[BODY].status > 1').success).toBe(false);
  });

  it('treats a missing status and certificate as zero, and collects every failure', () => {
    const bare: ConditionContext = { responseTimeMs: 5, nowMs: NOW };
    const outcome = evaluateConditions(
      ['[STATUS] == 200', '[RESPONSE_TIME] < 300', '[CERTIFICATE_EXPIRATION] > 1h'].map((t) =>
        parseCondition(t),
      ),
      bare,
    );
    expect(outcome.success).toBe(false);
    expect(outcome.failed.map((f) => [f.condition, f.actual])).toEqual([
      ['[STATUS] == 200', '0'],
      ['[CERTIFICATE_EXPIRATION] > 1h', '0'],
    ]);
  });

  it.each([
    ['[STATUS] = 200', 10, 'expected an operator'],
    ['[STATUSS] == 200', 1, 'unknown placeholder [STATUSS]'],
    ['[BODY].items[x] == 1', 14, 'expected an array index'],
    ['len([BODY] > 0', 12, 'expected ")"'],
    ['[STATUS] == "ok', 13, 'unclosed "'],
    ['[STATUS] ==', 12, 'expected a value'],
    ['[STATUS] == 200 extra', 17, 'unexpected "extra"'],
    ['[BODY] == pat(*x*', 11, 'unclosed "pat("'],
  ])('rejects %s at position %i', (text, position, reason) => {
    let caught: unknown;
    try {
      parseCondition(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConditionSyntaxError);
    expect(caught).toMatchObject({ position });
    expect((caught as Error).message).toContain(reason);
  });
});
