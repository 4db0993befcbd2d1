import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { type LowerContext, type Value, refuse } from "./context";
import { assignedSymbols } from "./control";
import { lowerExpression } from "./expression";
import { lowerDeclarations, lowerStatements } from "./statement";

/*
 * Lists built by `push`: a list is a structure whose length the program fixes,
 * so `push` extends it while lowering, and a loop that pushes is unrolled —
 * which needs a loop whose trip count is written in the code (JAX's convolve
 * example: `for (let i = 0; i < 3; i++) out.push(...)`, then `np.stack(out)`).
 */

/** Transforms `list.push(a, b)` on a local list into the list with `a` and `b` appended. */
export function lowerPush(cx: LowerContext, call: ts.CallExpression): boolean {
  const ts = cx.ts;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "push" || !ts.isIdentifier(callee.expression)) return false;
  const symbol = cx.checker.getSymbolAtLocation(callee.expression);
  const list = symbol && cx.scope.get(symbol);
  if (!symbol || !list || !("array" in list)) return false;
  if (!cx.locals.has(symbol)) {
    refuse(DiagnosticCode.OuterMutation, `\`${callee.expression.text}\` is not a local of the per-example function; build a local list and return it instead`, callee);
  }
  if (cx.loopDepth > 0) {
    refuse(DiagnosticCode.UnsupportedSyntax, "`push` in a loop needs a loop whose trip count is written in the code, as `for (let i = 0; i < 4; i++)`, so the list's length is known", call);
  }
  const pushed: Value[] = call.arguments.map((argument) => lowerExpression(cx, argument));
  cx.scope.set(symbol, { array: [...list.array, ...pushed] });
  return true;
}

/** True when `body` pushes onto a list (a `.push(...)` call outside nested functions). */
export function pushesToList(cx: LowerContext, body: ts.Node): boolean {
  const ts = cx.ts;
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "push") return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}

/**
 * Transforms `for (let i = a; i < b; i++) body`, with `a` and `b` written as
 * numbers or as the length of a constant array literal, into `body` once per
 * value of `i`. Undefined when the loop is not of that form.
 */
export function unrollFor(cx: LowerContext, node: ts.ForStatement): boolean {
  const trips = constantTrips(cx, node);
  if (!trips) return false;
  lowerDeclarations(cx, node.initializer as ts.VariableDeclarationList);
  const counter = cx.checker.getSymbolAtLocation((node.initializer as ts.VariableDeclarationList).declarations[0].name)!;
  const statements = cx.ts.isBlock(node.statement) ? node.statement.statements : [node.statement];
  for (const value of trips.values) {
    cx.scope.set(counter, { literal: value });
    lowerStatements(cx, statements);
  }
  cx.scope.set(counter, { literal: trips.end });
  return true;
}

function constantTrips(cx: LowerContext, node: ts.ForStatement): { values: number[]; end: number } | undefined {
  const ts = cx.ts;
  const init = node.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  const declaration = init.declarations[0];
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const start = constantNumber(cx, declaration.initializer);
  const test = node.condition;
  if (start === undefined || !test || !ts.isBinaryExpression(test) || !isName(cx, test.left, declaration.name)) return undefined;
  const bound = constantNumber(cx, test.right);
  const inclusive = test.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken;
  if (bound === undefined || !(inclusive || test.operatorToken.kind === ts.SyntaxKind.LessThanToken)) return undefined;
  const counter = cx.checker.getSymbolAtLocation(declaration.name);
  if (!isIncrement(cx, node.incrementor, declaration.name) || (counter && assignedSymbols(cx, [node.statement]).includes(counter))) return undefined;
  const values: number[] = [];
  let value = start;
  for (; inclusive ? value <= bound : value < bound; value++) values.push(value);
  return { values, end: value };
}

/** A number literal, or `xs.length` of a closed-over `const xs = [...]`. */
function constantNumber(cx: LowerContext, node: ts.Expression): number | undefined {
  const ts = cx.ts;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== "length" || !ts.isIdentifier(node.expression)) return undefined;
  const declaration = cx.checker.getSymbolAtLocation(node.expression)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initializer = declaration.initializer;
  return initializer && ts.isArrayLiteralExpression(initializer) && !initializer.elements.some(ts.isSpreadElement) ? initializer.elements.length : undefined;
}

function isName(cx: LowerContext, node: ts.Node, name: ts.Identifier): boolean {
  return cx.ts.isIdentifier(node) && cx.checker.getSymbolAtLocation(node) === cx.checker.getSymbolAtLocation(name);
}

function isIncrement(cx: LowerContext, node: ts.Expression | undefined, name: ts.Identifier): boolean {
  const ts = cx.ts;
  if (!node) return false;
  if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && node.operator === ts.SyntaxKind.PlusPlusToken) return isName(cx, node.operand, name);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && isName(cx, node.left, name) && ts.isNumericLiteral(node.right) && node.right.text === "1";
}
