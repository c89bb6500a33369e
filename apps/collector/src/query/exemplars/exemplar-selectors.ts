import type { LabelMatcher } from '@neo/domain-metric';
import type { Expr } from '@neo/promql';

/**
 * The matchers of every vector selector in an expression, as Prometheus' parser.ExtractSelectors: the
 * exemplars asked for by `query_exemplars` are those of the series the query reads.
 */
export function extractSelectors(expr: Expr): LabelMatcher[][] {
  const out: LabelMatcher[][] = [];
  const walk = (e: Expr): void => {
    switch (e.type) {
      case 'VectorSelector':
        out.push([...e.matchers]);
        return;
      case 'MatrixSelector':
        return walk(e.selector);
      case 'Subquery':
      case 'Unary':
      case 'Paren':
        return walk(e.expr);
      case 'Aggregate':
        if (e.param) walk(e.param);
        return walk(e.expr);
      case 'Call':
        return e.args.forEach(walk);
      case 'Binary':
        walk(e.lhs);
        return walk(e.rhs);
      case 'NumberLiteral':
      case 'StringLiteral':
        return;
    }
  };
  walk(expr);
  return out;
}
