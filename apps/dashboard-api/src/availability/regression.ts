/** p95 of the last hour above this multiple of the 7-day p95 is a regression. */
export const REGRESSION_RATIO = 1.5;
/** Fewer recent runs than this say too little to call a regression. */
export const MIN_RECENT_SAMPLES = 5;

export interface RegressionInput {
  readonly recentP95: number | null;
  readonly recentSamples: number;
  readonly baselineP95: number | null;
}

/** Whether recent latency regressed against the baseline; pure so the rule is testable on its own. */
export function isRegressed(input: RegressionInput, ratio = REGRESSION_RATIO): boolean {
  const { recentP95, baselineP95, recentSamples } = input;
  if (recentP95 === null || baselineP95 === null || baselineP95 <= 0) return false;
  return recentSamples >= MIN_RECENT_SAMPLES && recentP95 > ratio * baselineP95;
}
