import { LabelMatcher } from '@neo/domain-metric';

/** The four PromQL value types, named as Prometheus names them in error messages. */
export type ValueType = 'scalar' | 'string' | 'instant vector' | 'range vector';

/** `@` modifier: a fixed time in ms, or the query's start/end (resolved at evaluation). */
export type AtModifier = { readonly kind: 'time'; readonly ms: number } | { readonly kind: 'start' | 'end' };

export interface NumberLiteral {
  readonly type: 'NumberLiteral';
  readonly value: number;
}

export interface StringLiteral {
  readonly type: 'StringLiteral';
  readonly value: string;
}

export interface VectorSelector {
  readonly type: 'VectorSelector';
  /** Metric name if given outside the braces (also present as a `__name__` matcher). */
  readonly name: string | undefined;
  readonly matchers: readonly LabelMatcher[];
  /** Offset in ms (negative allowed). */
  readonly offset: number;
  readonly at: AtModifier | undefined;
}

export interface MatrixSelector {
  readonly type: 'MatrixSelector';
  readonly selector: VectorSelector;
  /** Range in ms. */
  readonly range: number;
}

export interface Subquery {
  readonly type: 'Subquery';
  readonly expr: Expr;
  readonly range: number;
  /** Resolution in ms; undefined means the engine's default evaluation interval. */
  readonly step: number | undefined;
  readonly offset: number;
  readonly at: AtModifier | undefined;
}

export interface Call {
  readonly type: 'Call';
  readonly func: string;
  readonly args: readonly Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'count_values'
  | 'stddev'
  | 'stdvar'
  | 'group'
  | 'topk'
  | 'bottomk'
  | 'quantile';

export interface Aggregate {
  readonly type: 'Aggregate';
  readonly op: AggregateOp;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly param: Expr | undefined;
  readonly expr: Expr;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** Vector matching of a binary operation between two instant vectors. */
export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** True for `on(...)`, false for `ignoring(...)` or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Labels copied from the "one" side with group_left/group_right. */
  readonly include: readonly string[];
}

export interface Binary {
  readonly type: 'Binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly bool: boolean;
  /** Present only when both sides are instant vectors. */
  readonly matching: VectorMatching | undefined;
}

export interface Unary {
  readonly type: 'Unary';
  readonly op: '+' | '-';
  readonly expr: Expr;
}

export interface Paren {
  readonly type: 'Paren';
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

export const COMPARISON_OPS: ReadonlySet<string> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<string> = new Set(['and', 'or', 'unless']);

/** The static type of an expression, as Prometheus' `Type()` methods. */
export function typeOf(e: Expr, returnTypeOf: (func: string) => ValueType): ValueType {
  switch (e.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'Aggregate':
      return 'instant vector';
    case 'MatrixSelector':
    case 'Subquery':
      return 'range vector';
    case 'Call':
      return returnTypeOf(e.func);
    case 'Binary':
      return typeOf(e.lhs, returnTypeOf) === 'scalar' && typeOf(e.rhs, returnTypeOf) === 'scalar'
        ? 'scalar'
        : 'instant vector';
    case 'Unary':
    case 'Paren':
      return typeOf(e.expr, returnTypeOf);
  }
}
