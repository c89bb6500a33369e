import { COMPARISON_OPS, Expr, SET_OPS, typeOf, ValueType } from '../ast/ast';
import { FUNCTIONS } from './function-signatures';
import { PromQLParseError } from './parse-error';

/** Return type of a known function (callers check existence first). */
export function functionReturnType(func: string): ValueType {
  return FUNCTIONS.get(func)?.returns ?? 'instant vector';
}

/** Static type of an expression. */
export function exprType(e: Expr): ValueType {
  return typeOf(e, functionReturnType);
}

/**
 * Prometheus' checkAST: operand types of operators, functions and aggregations. Positions are not
 * tracked in our AST, so type errors point at the start of the query (column 1), like many of
 * Prometheus' own type errors point at the enclosing expression.
 */
export function checkTypes(e: Expr, query: string): void {
  const fail = (detail: string): never => {
    throw new PromQLParseError(query, 0, detail);
  };
  const expect = (want: ValueType, got: Expr, context: string): void => {
    const t = exprType(got);
    if (t !== want) {
      fail(`expected type ${want} in ${context}, got ${t}`);
    }
  };
  switch (e.type) {
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return;
    case 'MatrixSelector':
      return;
    case 'Paren':
      checkTypes(e.expr, query);
      return;
    case 'Subquery': {
      checkTypes(e.expr, query);
      const t = exprType(e.expr);
      if (t !== 'instant vector') {
        fail(`subquery is only allowed on instant vector, got ${t} instead`);
      }
      return;
    }
    case 'Unary': {
      checkTypes(e.expr, query);
      const t = exprType(e.expr);
      if (t !== 'scalar' && t !== 'instant vector') {
        fail(`unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
      }
      return;
    }
    case 'Binary': {
      checkTypes(e.lhs, query);
      checkTypes(e.rhs, query);
      const lt = exprType(e.lhs);
      const rt = exprType(e.rhs);
      const operand = (t: ValueType): boolean => t === 'scalar' || t === 'instant vector';
      if (!operand(lt) || !operand(rt)) {
        fail('binary expression must contain only scalar and instant vector types');
      }
      const bothScalar = lt === 'scalar' && rt === 'scalar';
      if (COMPARISON_OPS.has(e.op) && bothScalar && !e.bool) {
        fail('comparisons between scalars must use BOOL modifier');
      }
      if (SET_OPS.has(e.op) && (lt === 'scalar' || rt === 'scalar')) {
        fail(`set operator "${e.op}" not allowed in binary scalar expression`);
      }
      const m = e.matching;
      const hasMatching =
        m !== undefined &&
        (m.on || m.labels.length > 0 || m.card === 'many-to-one' || m.card === 'one-to-many');
      if ((lt !== 'instant vector' || rt !== 'instant vector') && hasMatching) {
        fail('vector matching only allowed between instant vectors');
      }
      return;
    }
    case 'Call': {
      const sig = FUNCTIONS.get(e.func);
      if (sig === undefined) {
        fail(`unknown function with name "${e.func}"`);
        return;
      }
      const n = e.args.length;
      const min = sig.args.length - sig.optional;
      if (sig.variadic) {
        if (n < min) {
          fail(`expected at least ${min} argument(s) in call to "${e.func}", got ${n}`);
        }
      } else if (sig.optional > 0) {
        if (n < min) {
          fail(`expected at least ${min} argument(s) in call to "${e.func}", got ${n}`);
        }
        if (n > sig.args.length) {
          fail(`expected at most ${sig.args.length} argument(s) in call to "${e.func}", got ${n}`);
        }
      } else if (n !== sig.args.length) {
        fail(`expected ${sig.args.length} argument(s) in call to "${e.func}", got ${n}`);
      }
      e.args.forEach((a, i) => {
        checkTypes(a, query);
        const want = sig.args[Math.min(i, sig.args.length - 1)];
        expect(want, a, `call to function "${e.func}"`);
      });
      return;
    }
    case 'Aggregate': {
      checkTypes(e.expr, query);
      expect('instant vector', e.expr, 'aggregation expression');
      if (e.param !== undefined) {
        checkTypes(e.param, query);
        expect(e.op === 'count_values' ? 'string' : 'scalar', e.param, 'aggregation parameter');
      }
      return;
    }
  }
}
