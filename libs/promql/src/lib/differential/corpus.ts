/**
 * The differential corpus: hand-written dashboard/alert queries plus generated combinations so every
 * function, operator and aggregation is exercised against Prometheus.
 */
const C = 'http_requests_total';
const G = 'cpu_usage';
const H = 'request_duration_seconds_bucket';

const handWritten = [
  `sum by (job) (rate(${C}[5m]))`,
  `sum by (job, code) (rate(${C}[5m]))`,
  `sum(rate(${C}{code="500"}[5m])) / sum(rate(${C}[5m]))`,
  `sum by (job) (rate(${C}{code="500"}[5m])) / ignoring(code) sum by (job) (rate(${C}[5m])) > 0.01`,
  `histogram_quantile(0.95, sum by (le) (rate(${H}[5m])))`,
  `histogram_quantile(0.5, sum by (job, le) (rate(${H}[5m])))`,
  `histogram_quantile(0.99, rate(${H}[10m]))`,
  `up == 0`,
  `avg by (job) (up)`,
  `count by (job) (up == 1)`,
  `topk(3, sum by (instance) (rate(${C}[5m])))`,
  `bottomk(2, ${G})`,
  `${G} > 80`,
  `${G} > bool 80`,
  `100 - ${G}`,
  `max_over_time(${G}[10m]) - min_over_time(${G}[10m])`,
  `predict_linear(${G}[15m], 3600) > 100`,
  `absent(up{job="nope"})`,
  `absent(up{job="api"})`,
  `increase(${C}[1h])`,
  `sum without (instance) (increase(${C}[10m]))`,
  `rate(${C}[5m]) * on(job, instance) group_left up`,
  `${G} * on(job, instance) group_left(code) ${C}{code="500"}`,
  `up * on(job, instance) group_right ${G}`,
  `${G} and on(job, instance) up == 1`,
  `${G} unless on(job, instance) up == 0`,
  `${G}{instance="a"} or ${G}{instance="b"}`,
  `label_replace(up, "host", "$1-x", "instance", "(.*)")`,
  `label_join(up, "id", "/", "job", "instance")`,
  `quantile by (job) (0.9, ${G})`,
  `count_values("status", up)`,
  `stddev by (job) (${G})`,
  `stdvar(${G})`,
  `group by (job) (${G})`,
  `sort_desc(sum by (job) (${G}))`,
  `sort(${G})`,
  `batch_last_success`,
  `time() - batch_last_success`,
  `last_over_time(batch_last_success[10m])`,
  `temperature`,
  `avg_over_time(temperature[10m])`,
  `changes(up[30m])`,
  `resets(${C}[1h])`,
  `irate(${C}[1m])`,
  `idelta(${G}[2m])`,
  `delta(${G}[10m])`,
  `deriv(${G}[10m])`,
  `holt_winters(${G}[10m], 0.3, 0.6)`,
  `rate(${C}[5m] offset 10m)`,
  `${G} offset 5m`,
  `${G} offset -5m`,
  `max_over_time(rate(${C}[5m])[15m:1m])`,
  `avg_over_time(sum by (job) (${G})[10m:])`,
  `rate(${C}[5m:30s])`,
  `scalar(sum(up))`,
  `vector(1)`,
  `sum(up) + scalar(count(up))`,
  `timestamp(${G})`,
  `-${G}`,
  `2 ^ 3 ^ 2`,
  `(1 + 2) * 3 - 4 / 2 % 3`,
  `1 == bool 1`,
  `${G} % 7`,
  `${G} ^ 0.5`,
  `${G} atan2 10`,
  `clamp(${G}, 20, 60)`,
  `clamp_min(${G}, 50)`,
  `clamp_max(${G}, 50)`,
  `round(${G}, 5)`,
  `round(${G})`,
  `minute(vector(time()))`,
  `hour()`,
  `day_of_week()`,
  `day_of_month()`,
  `day_of_year()`,
  `days_in_month()`,
  `month()`,
  `year()`,
  `time()`,
  `pi()`,
  `${G}{job=~"a.*"}`,
  `${G}{job!~"a.*", instance!="a"}`,
  `{__name__=~"cpu.*|up", instance="c"}`,
  `sum by (__name__) ({job="api"})`,
  `count({__name__=~".+"})`,
  `${G} @ end()`,
  `${G} @ start()`,
  `rate(${C}[5m] @ end())`,
  `sum(rate(${C}[5m])) by (code)`,
  `max by (job) (rate(${C}[2m]))`,
  `min without (code) (irate(${C}[5m]))`,
  `avg(avg_over_time(${G}[5m]))`,
  `count(count by (job) (up))`,
  `sum(${G}) / count(${G})`,
  `${G} / on(job, instance) group_left sum by (job, instance) (up)`,
  `(${G} > 30) < 70`,
  `sum_over_time(up[30m]) / count_over_time(up[30m])`,
  `rate(${C}{code=~"5.."}[5m]) > 0`,
];

const MATH = [
  'abs',
  'ceil',
  'floor',
  'exp',
  'sqrt',
  'ln',
  'log2',
  'log10',
  'sgn',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'deg',
  'rad',
];
const RANGE = [
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'resets',
  'changes',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'last_over_time',
  'present_over_time',
  'absent_over_time',
];
const AGG = ['sum', 'avg', 'min', 'max', 'count', 'stddev', 'stdvar', 'group'];
const BIN = ['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<='];

function generated(): string[] {
  const out: string[] = [];
  for (const f of MATH) {
    out.push(`${f}(${G} / 100)`);
  }
  for (const f of RANGE) {
    for (const r of ['1m', '5m', '20m']) {
      out.push(`${f}(${C}{job="web"}[${r}])`);
    }
    out.push(`${f}(${G}[7m:1m])`);
  }
  out.push(`quantile_over_time(0.9, ${G}[10m])`, `quantile_over_time(0.1, ${G}[10m:2m])`);
  for (const a of AGG) {
    out.push(`${a}(${G})`, `${a} by (job) (${G})`, `${a} without (instance) (rate(${C}[5m]))`);
  }
  for (const k of [1, 2]) {
    out.push(`topk(${k}, rate(${C}[5m]))`, `bottomk by (job) (${k}, ${G})`);
  }
  for (const q of ['0', '0.25', '0.5', '1']) {
    out.push(`quantile(${q}, ${G})`, `histogram_quantile(${q}, sum by (le) (rate(${H}[5m])))`);
  }
  for (const op of BIN) {
    const bool = ['==', '!=', '>', '<', '>=', '<='].includes(op) ? ' bool' : '';
    out.push(
      `${G} ${op} 50`,
      `50 ${op} ${G}`,
      `${G} ${op} on(job, instance) up`,
      `${G} ${op}${bool} ignoring(code) group_left ${C}{code="200"} / 1000`,
    );
    out.push(`sum by (job) (${G}) ${op}${bool} sum by (job) (up)`);
    if (bool !== '') {
      out.push(`${G} ${op} bool 50`, `3 ${op} bool 2`);
    }
  }
  return out;
}

export const CORPUS: readonly string[] = [...handWritten, ...generated()];
