import type * as ts from "typescript";

/**
 * `expr` without the wrappers that do not change which value it denotes:
 * parentheses, `as T`, `<T>x`, `satisfies T` and non-null `x!`.
 */
export function unwrapExpression(tsModule: typeof ts, expr: ts.Expression): ts.Expression {
  let inner = expr;
  while (
    tsModule.isParenthesizedExpression(inner) ||
    tsModule.isAsExpression(inner) ||
    tsModule.isTypeAssertionExpression(inner) ||
    tsModule.isSatisfiesExpression(inner) ||
    tsModule.isNonNullExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}
