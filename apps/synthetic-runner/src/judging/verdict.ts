import type { ConditionOutcome } from '@neo/domain-check';

/** The judgement of one attempt. */
export interface Verdict {
  readonly success: boolean;
  /** Why it failed, in words a person on call understands; every reason, joined by "; ". */
  readonly error?: string;
  readonly failedConditions: readonly ConditionOutcome[];
}
