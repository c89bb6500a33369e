// The speed targets for 1,000 checks at 10 s on one runner, and how a run's figures compare.
const TARGETS = [
  { figure: 'latenessP99Ms', label: 'lateness p99', op: '<=', limit: 50, unit: 'ms' },
  { figure: 'cpuCores', label: 'CPU', op: '<', limit: 0.5, unit: 'core' },
];

/** One line per target: its limit, the measured value and whether it is met (a missing figure is not met). */
function judge(figures) {
  return TARGETS.map(({ figure, label, op, limit, unit }) => {
    const value = figures[figure];
    const met =
      typeof value === 'number' && Number.isFinite(value) && (op === '<=' ? value <= limit : value < limit);
    return { target: `${label} ${op} ${limit} ${unit}`, figure, value: value ?? null, met };
  });
}

module.exports = { TARGETS, judge };
