import type * as ts from "typescript";
import type { Literal } from "../ir";
import type { LowerContext } from "./context";
import { isStandardGlobal } from "./math";

/**
 * The value of `expression` when it is written as a constant: a number or
 * string literal, `null`, `undefined`, JS's `Infinity` or `NaN`, the negation
 * of a number among these, or a name whose type is one number or string
 * (a `const` of a literal, `const ORD = 1`). Undefined for anything else.
 */
export function writtenConstant(cx: LowerContext, expression: ts.Expression): Literal | undefined {
  const ts = cx.ts;
  if (ts.isParenthesizedExpression(expression)) return writtenConstant(cx, expression.expression);
  if (ts.isNumericLiteral(expression)) return { literal: Number(expression.text) };
  if (ts.isStringLiteral(expression)) return { literal: expression.text };
  if (expression.kind === ts.SyntaxKind.NullKeyword) return { literal: null };
  if (ts.isIdentifier(expression) && expression.text === "undefined") return { literal: undefined };
  if (isStandardGlobal(cx, expression, "Infinity")) return { literal: Infinity };
  if (isStandardGlobal(cx, expression, "NaN")) return { literal: NaN };
  if (ts.isIdentifier(expression) && isConstDeclared(cx, expression)) {
    const type = cx.checker.getTypeAtLocation(expression);
    if (type.isStringLiteral() || type.isNumberLiteral()) return { literal: type.value };
  }
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken) {
    const operand = writtenConstant(cx, expression.operand);
    return operand && typeof operand.literal === "number" ? { literal: -operand.literal } : undefined;
  }
  return undefined;
}

/** Whether `name` is declared by a `const` with an initializer: its value is the one its literal type says. */
function isConstDeclared(cx: LowerContext, name: ts.Identifier): boolean {
  const ts = cx.ts;
  const declaration = cx.checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) return false;
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}
