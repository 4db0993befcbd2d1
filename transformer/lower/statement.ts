import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { lowerCall } from "./call";
import { isVar, type Operand } from "../ir";
import { type LowerContext, Slot, type Value, refuse } from "./context";
import { chooseResult, lowerFor, lowerForOf, lowerIf, lowerReturningIf, lowerWhile } from "./control";
import { lowerBreak, lowerContinue, lowerGuarded, lowerReturnInside, mayHaveJumped } from "./jumps";
import { lowerSwitch } from "./switch";
import { lowerExpression, lowerOperand } from "./expression";
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
    // A path that throws returns nothing: the other paths decide the result.
    if (ts.isThrowStatement(statement)) {
      lowerThrow(cx, statement);
      return cx.unset("number");
    }
    if (containsReturn(ts, statement)) {
      const rest = statements.slice(index + 1);
      if (ts.isIfStatement(statement)) return lowerReturningIf(cx, statement, rest, owner);
      if (ts.isBlock(statement)) return lowerReturning(cx, [...statement.statements, ...rest], owner);
      return lowerReturningInside(cx, statement, rest, owner);
    }
    lowerStatement(cx, statement);
  }
  return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must end with `return`", owner);
}

/**
 * A loop or `switch` that returns: its `return`s fill a result slot and set a
 * `returned` flag; after it, the function's value is the slot where the flag
 * is set and what `rest` returns elsewhere.
 */
function lowerReturningInside(cx: LowerContext, statement: ts.Statement, rest: readonly ts.Statement[], owner: ts.Node): Value {
  const returns = { returned: new Slot("returned"), result: new Slot("result") };
  cx.scope.set(returns.returned, { literal: false });
  cx.scope.set(returns.result, cx.unset("number"));
  const outer = cx.jumps;
  cx.jumps = { ...outer, returns };
  try {
    lowerStatement(cx, statement);
  } finally {
    cx.jumps = outer;
  }
  const returned = cx.scope.get(returns.returned) as Operand;
  const result = cx.scope.get(returns.result)!;
  cx.scope.delete(returns.returned);
  cx.scope.delete(returns.result);
  if (!isVar(returned)) return returned.literal === true ? result : lowerReturning(cx, rest, owner);
  return chooseResult(cx, returned, () => result, () => lowerReturning(cx, rest, owner), statement);
}

/**
 * Lowers a statement list. After a statement that may have jumped (`break`,
 * `continue`, `return` in a loop), the rest runs only where no example did.
 */
export function lowerStatements(cx: LowerContext, statements: readonly ts.Statement[]): void {
  const ts = cx.ts;
  for (const [index, statement] of statements.entries()) {
    lowerStatement(cx, statement);
    // The statements after a jump are not reached.
    if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement) || ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return;
    const rest = statements.slice(index + 1);
    if (rest.length > 0 && mayHaveJumped(cx)) return lowerGuarded(cx, statement, () => lowerStatements(cx, rest));
  }
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
      return lowerStatements(cx, (statement as ts.Block).statements);
    case ts.SyntaxKind.IfStatement:
      return lowerIf(cx, statement as ts.IfStatement);
    case ts.SyntaxKind.ForStatement:
      return lowerFor(cx, statement as ts.ForStatement);
    case ts.SyntaxKind.WhileStatement:
      return lowerWhile(cx, statement as ts.WhileStatement);
    case ts.SyntaxKind.ForOfStatement:
      return lowerForOf(cx, statement as ts.ForOfStatement);
    case ts.SyntaxKind.SwitchStatement:
      return lowerSwitch(cx, statement as ts.SwitchStatement);
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.FunctionDeclaration:
      return;
    // Transforms a labelled loop or `switch` into itself: its label names it as a target of `break` and `continue`.
    case ts.SyntaxKind.LabeledStatement: {
      const labelled = (statement as ts.LabeledStatement).statement;
      if (ts.isIterationStatement(labelled, false) || ts.isSwitchStatement(labelled)) return lowerStatement(cx, labelled);
      break;
    }
    case ts.SyntaxKind.BreakStatement:
      return lowerBreak(cx, statement as ts.BreakStatement);
    case ts.SyntaxKind.ContinueStatement:
      return lowerContinue(cx, statement as ts.ContinueStatement);
    case ts.SyntaxKind.ReturnStatement:
      return lowerReturnInside(cx, statement as ts.ReturnStatement);
    case ts.SyntaxKind.ThrowStatement:
      return lowerThrow(cx, statement as ts.ThrowStatement);
  }
  refuse(
    DiagnosticCode.UnsupportedSyntax,
    `\`${ts.SyntaxKind[statement.kind]}\` is not compiled: vmap compiles \`const\`, \`let\`, assignments, \`if\`/\`else\`, \`switch\`, \`for\`, \`for...of\`, \`while\`, \`break\`, \`continue\` and \`return\``,
    statement,
  );
}

export function lowerDeclarations(cx: LowerContext, list: ts.VariableDeclarationList): void {
  for (const declaration of list.declarations) {
    if (declaration.initializer) {
      bindName(cx, declaration.name, lowerExpression(cx, declaration.initializer));
    } else if (cx.ts.isIdentifier(declaration.name)) {
      // `let x: T;` is unset until assigned; TypeScript checks it is assigned on every path before it is read.
      bindName(cx, declaration.name, cx.unset(cx.kindOf(declaration.name)));
    } else {
      refuse(DiagnosticCode.UnsupportedSyntax, `\`${declaration.name.getText()}\` needs an initial value`, declaration);
    }
  }
}

/** `throw new E(message)` or `throw error`: the batch stage keeps it when it is the same for every example. */
function lowerThrow(cx: LowerContext, node: ts.ThrowStatement): void {
  const thrown = node.expression;
  if (cx.ts.isNewExpression(thrown)) {
    const construct = lowerOperand(cx, thrown.expression);
    cx.emit({ op: "throw", construct, args: (thrown.arguments ?? []).map((argument) => lowerOperand(cx, argument)), node });
    return;
  }
  cx.emit({ op: "throw", construct: undefined, args: [lowerOperand(cx, thrown)], node });
}

/** True when `node` holds a `return` of the function being lowered (not of a nested function). */
export function containsReturn(tsModule: typeof ts, node: ts.Node): boolean {
  if (tsModule.isReturnStatement(node)) return true;
  if (tsModule.isFunctionLike(node)) return false;
  return tsModule.forEachChild(node, (child) => containsReturn(tsModule, child) || undefined) ?? false;
}
