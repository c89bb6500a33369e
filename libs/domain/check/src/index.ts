export type {
  Check,
  CheckCommon,
  CheckKind,
  DnsCheck,
  DnsRecordType,
  HttpAuth,
  HttpCheck,
  HttpMethod,
  HttpRequestSpec,
  IpFamily,
  JourneyCheck,
  JourneyStep,
  PushCheck,
  StatusExpectation,
  TcpCheck,
  TlsCheck,
} from './lib/definition/check-types';
export { CHECK_KINDS, checkTarget, DNS_RECORD_TYPES, HTTP_METHODS } from './lib/definition/check-types';
export type { CheckDefinition, StepDefinition } from './lib/definition/check-definition.schema';
export { checkDefinitionSchema, checkListSchema } from './lib/definition/check-definition.schema';
export type { DefinitionIssue, DefinitionResult } from './lib/definition/validate-definition';
export {
  definitionIssues,
  formatDefinitionIssues,
  validateCheckDefinition,
} from './lib/definition/validate-definition';
export type { Condition, Operand, PathSegment } from './lib/conditions/condition';
export type { ConditionContext } from './lib/conditions/condition-context';
export { ConditionSyntaxError } from './lib/conditions/condition-syntax-error';
export type { ConditionOutcome } from './lib/conditions/evaluate-condition';
export { describeFailure, evaluateCondition, evaluateConditions } from './lib/conditions/evaluate-condition';
export { followPath } from './lib/conditions/json-path';
export { parseCondition, parsePlaceholder } from './lib/conditions/parse-condition';
export type { StoreExpression } from './lib/conditions/store-expression';
export { parseStoreExpression } from './lib/conditions/store-expression';
export type { MaintenanceMode, MaintenanceWindow } from './lib/maintenance/maintenance-window';
export {
  activeMaintenance,
  isInWindow,
  isValidTimeZone,
  WEEKDAYS,
} from './lib/maintenance/maintenance-window';
export type { InProcessCheckState } from './lib/in-process/in-process-check-state';
export { inProcessCheckState } from './lib/in-process/in-process-check-state';
