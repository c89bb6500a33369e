import { ValueType } from '../ast/ast';

/** Argument and return types of a PromQL function, as Prometheus' parser.Functions table. */
export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** Number of trailing arguments that may be omitted (or -1: the last one repeats). */
  readonly optional: number;
  readonly variadic: boolean;
  readonly returns: ValueType;
}

const V: ValueType = 'instant vector';
const M: ValueType = 'range vector';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function fn(args: ValueType[], returns: ValueType = V, optional = 0, variadic = false): FunctionSignature {
  return { args, returns, optional, variadic };
}

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
const OVER_TIME = [
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
const RANGE = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'resets', 'changes'];
const DATE = [
  'minute',
  'hour',
  'day_of_week',
  'day_of_month',
  'day_of_year',
  'days_in_month',
  'month',
  'year',
];

/** Every float function of Prometheus 2.42 (native-histogram functions are not supported). */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map<string, FunctionSignature>([
  ...MATH.map((n): [string, FunctionSignature] => [n, fn([V])]),
  ...OVER_TIME.map((n): [string, FunctionSignature] => [n, fn([M])]),
  ...RANGE.map((n): [string, FunctionSignature] => [n, fn([M])]),
  ...DATE.map((n): [string, FunctionSignature] => [n, fn([V], V, 1)]),
  ['quantile_over_time', fn([S, M])],
  ['predict_linear', fn([M, S])],
  ['holt_winters', fn([M, S, S])],
  ['absent', fn([V])],
  ['histogram_quantile', fn([S, V])],
  ['label_replace', fn([V, STR, STR, STR, STR])],
  ['label_join', fn([V, STR, STR, STR], V, 0, true)],
  ['time', fn([], S)],
  ['pi', fn([], S)],
  ['timestamp', fn([V])],
  ['vector', fn([S])],
  ['scalar', fn([V], S)],
  ['sort', fn([V])],
  ['sort_desc', fn([V])],
  ['clamp', fn([V, S, S])],
  ['clamp_min', fn([V, S])],
  ['clamp_max', fn([V, S])],
  ['round', fn([V, S], V, 1)],
]);
