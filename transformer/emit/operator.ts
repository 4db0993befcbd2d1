import type * as ts from "typescript";

/**
 * `left <operator> right`. JS forbids a unary operator right before `**`
 * (`-1.5 ** x` is a SyntaxError), and the factory does not add the
 * parentheses, so a prefix-unary base gets them here.
 */
export function binaryExpression(tsModule: typeof ts, factory: ts.NodeFactory, left: ts.Expression, operator: ts.BinaryOperator, right: ts.Expression): ts.Expression {
  const needsParentheses = operator === tsModule.SyntaxKind.AsteriskAsteriskToken && (tsModule.isPrefixUnaryExpression(left) || tsModule.isTypeOfExpression(left) || tsModule.isVoidExpression(left));
  return factory.createBinaryExpression(needsParentheses ? factory.createParenthesizedExpression(left) : left, operator, right);
}
