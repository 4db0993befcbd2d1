import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { lowerCall } from "./call";
import { type LowerContext, type Value, refuse } from "./context";
import { lowerFor, lowerIf, lowerReturningIf, lowerWhile } from "./control";
import { lowerExpression } from "./expression";
import { bindName } from "./function";

/**
 * Lowers statements that end by returning, and gives the returned value. An
 * `if` that returns takes the statements after it into the branch that falls
 * through, so every path ends in exactly one `return`.
 */
export function lowerReturning(cx: LowerContext, statements: readonly ts.Statement[], owner: ts.Node): Value {
  const ts = cx.ts;
  for (const [index, statement] of statements.entries()) {
    if (ts.isReturnStatement(statement)) {
      if (!statement.expression) return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must return a value", statement);
      return lowerExpression(cx, statement.expression);
    }
    if (containsReturn(ts, statement)) {
      const rest = statements.slice(index + 1);
      if (ts.isIfStatement(statement)) return lowerReturningIf(cx, statement, rest, owner);
      if (ts.isBlock(statement)) return lowerReturning(cx, [...statement.statements, ...rest], owner);
      return refuse(
        DiagnosticCode.UnsupportedSyntax,
        `a \`return\` inside \`${ts.SyntaxKind[statement.kind]}\` is not compiled; keep the result in a \`let\` and return once, after it`,
        statement,
      );
    }
    lowerStatement(cx, statement);
  }
  return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must end with `return`", owner);
}

export function lowerStatement(cx: LowerContext, statement: ts.Statement): void {
  const ts = cx.ts;
  switch (statement.kind) {
    case ts.SyntaxKind.VariableStatement:
      lowerDeclarations(cx, (statement as ts.VariableStatement).declarationList);
      return;
    case ts.SyntaxKind.ExpressionStatement: {
      const expression = (statement as ts.ExpressionStatement).expression;
      if (ts.isCallExpression(expression)) lowerCall(cx, expression, true);
      else lowerExpression(cx, expression);
      return;
    }
    case ts.SyntaxKind.Block:
      for (const inner of (statement as ts.Block).statements) lowerStatement(cx, inner);
      return;
    case ts.SyntaxKind.IfStatement:
      return lowerIf(cx, statement as ts.IfStatement);
    case ts.SyntaxKind.ForStatement:
      return lowerFor(cx, statement as ts.ForStatement);
    case ts.SyntaxKind.WhileStatement:
      return lowerWhile(cx, statement as ts.WhileStatement);
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.FunctionDeclaration:
      return;
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
      return refuse(DiagnosticCode.UnsupportedSyntax, "`break` and `continue` are not compiled; put the stopping condition in the loop's test", statement);
  }
  refuse(
    DiagnosticCode.UnsupportedSyntax,
    `\`${ts.SyntaxKind[statement.kind]}\` is not compiled: vmap compiles \`const\`, \`let\`, assignments, \`if\`/\`else\`, \`for\`, \`while\` and \`return\``,
    statement,
  );
}

export function lowerDeclarations(cx: LowerContext, list: ts.VariableDeclarationList): void {
  for (const declaration of list.declarations) {
    if (!declaration.initializer) {
      refuse(DiagnosticCode.UnsupportedSyntax, `\`${declaration.name.getText()}\` needs an initial value`, declaration);
    }
    bindName(cx, declaration.name, lowerExpression(cx, declaration.initializer));
  }
}

/** True when `node` holds a `return` of the function being lowered (not of a nested function). */
export function containsReturn(tsModule: typeof ts, node: ts.Node): boolean {
  if (tsModule.isReturnStatement(node)) return true;
  if (tsModule.isFunctionLike(node)) return false;
  return tsModule.forEachChild(node, (child) => containsReturn(tsModule, child) || undefined) ?? false;
}
