export type { Condition } from './condition';
export type { ConditionContext } from './condition-context';
export { ConditionSyntaxError } from './condition-syntax-error';
export { describeFailure, evaluateCondition, evaluateConditions } from './evaluate-condition';
export type { ConditionOutcome } from './evaluate-condition';
export { parseCondition, parsePlaceholder } from './parse-condition';
