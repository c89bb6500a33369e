import { formatAlertValue, toApiRule } from './prometheus-shapes';
import { parseRuleQuery } from '../rules/rule-query';

describe('Prometheus API shapes', () => {
  it('formats alert values like Go FormatFloat(v, e, -1, 64)', () => {
    expect(formatAlertValue(1)).toBe('1e+00');
    expect(formatAlertValue(0)).toBe('0e+00');
    expect(formatAlertValue(2.5e-7)).toBe('2.5e-07');
    expect(formatAlertValue(-1234.5)).toBe('-1.2345e+03');
    expect(formatAlertValue(1e100)).toBe('1e+100');
    expect(formatAlertValue(NaN)).toBe('NaN');
    expect(formatAlertValue(-Infinity)).toBe('-Inf');
  });

  it("shows a rule's state from its alerts and never-evaluated rules with Go's zero time", () => {
    const rule = {
      name: 'TargetDown',
      expr: 'up == 0',
      query: parseRuleQuery('up == 0'),
      forMs: 15_000,
      keepFiringForMs: 0,
      labels: { severity: 'critical' },
      annotations: {},
    };
    const idle = toApiRule(rule, [], { health: 'unknown', lastError: '', evaluationSeconds: 0 });
    expect(idle).toMatchObject({ state: 'inactive', duration: 15, health: 'unknown', type: 'alerting' });
    expect(idle.lastEvaluation).toBe('0001-01-01T00:00:00Z');
    const pending = {
      fingerprint: 'f',
      labels: { alertname: 'TargetDown' },
      annotations: {},
      state: 'pending' as const,
      activeAtMs: Date.UTC(2024, 0, 1),
      lastSeenMs: Date.UTC(2024, 0, 1),
      value: 0,
    };
    const withAlert = toApiRule(rule, [pending], { health: 'ok', lastError: '', evaluationSeconds: 0.01 });
    expect(withAlert.state).toBe('pending');
    expect(withAlert.alerts[0]).toEqual({
      labels: { alertname: 'TargetDown' },
      annotations: {},
      state: 'pending',
      activeAt: '2024-01-01T00:00:00Z',
      value: '0e+00',
    });
  });
});
