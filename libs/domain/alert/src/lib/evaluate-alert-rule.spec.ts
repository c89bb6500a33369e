import { labelsFingerprint } from '@neo/domain-metric';
import type { ActiveAlert, AlertRule, QueryResultSeries } from './alert';
import { DuplicateAlertLabelsError } from './duplicate-alert-labels-error';
import { evaluateAlertRule } from './evaluate-alert-rule';

const rule: AlertRule = {
  name: 'HighErrors',
  expr: 'errors > 1',
  forMs: 60_000,
  keepFiringForMs: 0,
  labels: { severity: 'page' },
  annotations: { summary: '{{ $labels.job }} at {{ $value }}' },
};
const series = (job: string, value = 5): QueryResultSeries => ({
  labels: { __name__: 'errors', job },
  value,
});
const T0 = 1_700_000_000_000;

function run(r: AlertRule, steps: ReadonlyArray<[number, QueryResultSeries[]]>) {
  let active: ActiveAlert[] = [];
  return steps.map(([now, results]) => {
    const evaluation = evaluateAlertRule(r, active, results, now);
    active = evaluation.active;
    return evaluation;
  });
}

describe('evaluateAlertRule', () => {
  it('starts a new series as pending with alert labels, fingerprint and templated annotations', () => {
    const { active, transitions } = evaluateAlertRule(rule, [], [series('api')], T0);
    const labels = { alertname: 'HighErrors', job: 'api', severity: 'page' };
    expect(active).toEqual([
      {
        fingerprint: labelsFingerprint(labels),
        labels,
        annotations: { summary: 'api at 5' },
        state: 'pending',
        activeAtMs: T0,
        lastSeenMs: T0,
        value: 5,
      },
    ]);
    expect(transitions).toEqual([{ from: 'inactive', to: 'pending', alert: active[0] }]);
  });

  it('fires at once when forMs is 0', () => {
    const { active, transitions } = evaluateAlertRule({ ...rule, forMs: 0 }, [], [series('api')], T0);
    expect(active[0]).toMatchObject({ state: 'firing', activeAtMs: T0, firedAtMs: T0 });
    expect(transitions.map((t) => [t.from, t.to])).toEqual([['inactive', 'firing']]);
  });

  it('stays pending until forMs has passed, then fires, updating value and annotations', () => {
    const [, before, at] = run(rule, [
      [T0, [series('api', 5)]],
      [T0 + 59_999, [series('api', 6)]],
      [T0 + 60_000, [series('api', 7)]],
    ]);
    expect(before.active[0]).toMatchObject({ state: 'pending', value: 6, lastSeenMs: T0 + 59_999 });
    expect(before.active[0].annotations).toEqual({ summary: 'api at 6' });
    expect(before.transitions).toEqual([]);
    expect(at.active[0]).toMatchObject({
      state: 'firing',
      activeAtMs: T0,
      firedAtMs: T0 + 60_000,
      value: 7,
      lastSeenMs: T0 + 60_000,
    });
    expect(at.transitions.map((t) => [t.from, t.to])).toEqual([['pending', 'firing']]);
  });

  it('keeps a firing alert firing without new transitions while the series is present', () => {
    const r = { ...rule, forMs: 0 };
    const [, second] = run(r, [
      [T0, [series('api', 5)]],
      [T0 + 15_000, [series('api', 9)]],
    ]);
    expect(second.transitions).toEqual([]);
    expect(second.active[0]).toMatchObject({
      state: 'firing',
      firedAtMs: T0,
      value: 9,
      lastSeenMs: T0 + 15_000,
    });
  });

  it('drops a pending alert whose series vanished', () => {
    const [first, second] = run(rule, [
      [T0, [series('api')]],
      [T0 + 15_000, []],
    ]);
    expect(second.active).toEqual([]);
    expect(second.transitions).toEqual([{ from: 'pending', to: 'inactive', alert: first.active[0] }]);
  });

  it('resolves a firing alert whose series vanished when keepFiringForMs is 0', () => {
    const [, , third] = run({ ...rule, forMs: 0 }, [
      [T0, [series('api')]],
      [T0 + 15_000, [series('api')]],
      [T0 + 30_000, []],
    ]);
    expect(third.active).toEqual([]);
    expect(third.transitions).toHaveLength(1);
    expect(third.transitions[0]).toMatchObject({ from: 'firing', to: 'resolved' });
    expect(third.transitions[0].alert).toMatchObject({
      state: 'resolved',
      resolvedAtMs: T0 + 30_000,
      firedAtMs: T0,
      lastSeenMs: T0 + 15_000,
    });
  });

  it('keeps firing for keepFiringForMs after the series was last seen', () => {
    const r = { ...rule, forMs: 0, keepFiringForMs: 60_000 };
    const steps = run(r, [
      [T0, [series('api')]],
      [T0 + 30_000, []],
      [T0 + 59_999, []],
      [T0 + 60_000, []],
    ]);
    expect(steps[1].active[0]).toMatchObject({ state: 'firing', lastSeenMs: T0 });
    expect(steps[2].active).toHaveLength(1);
    expect(steps[2].transitions).toEqual([]);
    expect(steps[3].active).toEqual([]);
    expect(steps[3].transitions.map((t) => t.to)).toEqual(['resolved']);
  });

  it('tracks series independently', () => {
    const [, second] = run({ ...rule, forMs: 0 }, [
      [T0, [series('api'), series('web')]],
      [T0 + 15_000, [series('web'), series('db')]],
    ]);
    expect(second.active.map((a) => a.labels['job'])).toEqual(['web', 'db']);
    expect(second.transitions.map((t) => `${t.alert.labels['job']}:${t.from}->${t.to}`)).toEqual([
      'db:inactive->firing',
      'api:firing->resolved',
    ]);
  });

  it('starts a fresh alert when a resolved series comes back', () => {
    const steps = run({ ...rule, forMs: 0 }, [
      [T0, [series('api')]],
      [T0 + 15_000, []],
      [T0 + 30_000, [series('api')]],
    ]);
    expect(steps[2].active[0]).toMatchObject({ activeAtMs: T0 + 30_000, firedAtMs: T0 + 30_000 });
    expect(steps[2].transitions.map((t) => t.from)).toEqual(['inactive']);
  });

  it('throws when two series map to the same alert labels', () => {
    const clash = [
      { labels: { __name__: 'a', job: 'x' }, value: 1 },
      { labels: { __name__: 'b', job: 'x' }, value: 2 },
    ];
    expect(() => evaluateAlertRule(rule, [], clash, T0)).toThrow(DuplicateAlertLabelsError);
    expect(() => evaluateAlertRule(rule, [], clash, T0)).toThrow(
      'vector contains metrics with the same labelset after applying alert labels: {alertname="HighErrors",job="x",severity="page"}',
    );
  });

  it('does not mutate the previous alerts', () => {
    const first = evaluateAlertRule(rule, [], [series('api', 1)], T0);
    const snapshot = JSON.stringify(first.active);
    evaluateAlertRule(rule, first.active, [series('api', 2)], T0 + 60_000);
    expect(JSON.stringify(first.active)).toBe(snapshot);
  });
});
