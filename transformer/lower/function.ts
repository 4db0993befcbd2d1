import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { PerExampleFunction } from "../env";
import { lowerCall } from "./call";
import { type LowerContext, type Value, refuse } from "./context";
import { lowerExpression } from "./expression";

/**
 * Lowers `fn` applied to `args` in place: the helper's body becomes part of the
 * per-example program, with its own bindings. Returns what it returns.
 */
export function inlineFunction(cx: LowerContext, fn: PerExampleFunction, args: readonly Value[], site: ts.Node): Value {
  if (cx.inlining.includes(fn)) {
    refuse(DiagnosticCode.Recursion, `\`${functionName(cx, fn)}\` calls itself; recursion cannot be inlined. Write it with a loop or unroll it`, site);
  }
  const outerScope = cx.scope;
  const outerLocals = cx.locals;
  cx.scope = new Map(outerScope);
  cx.locals = new Set();
  cx.inlining.push(fn);
  try {
    bindParameters(cx, fn, args, site);
    return lowerBody(cx, fn);
  } finally {
    cx.inlining.pop();
    cx.scope = outerScope;
    cx.locals = outerLocals;
  }
}

function bindParameters(cx: LowerContext, fn: PerExampleFunction, args: readonly Value[], site: ts.Node): void {
  fn.parameters.forEach((parameter, index) => {
    if (parameter.dotDotDotToken) refuse(DiagnosticCode.UnsupportedSyntax, "rest parameters are not compiled; name each parameter", parameter);
    let value = args[index];
    if (value === undefined) {
      if (!parameter.initializer) refuse(DiagnosticCode.BadArguments, `\`${functionName(cx, fn)}\` is called without its parameter \`${parameter.name.getText()}\``, site);
      value = lowerExpression(cx, parameter.initializer);
    }
    bindName(cx, parameter.name, value);
  });
  if (args.length > fn.parameters.length) {
    refuse(DiagnosticCode.BadArguments, `\`${functionName(cx, fn)}\` takes ${fn.parameters.length} arguments but is given ${args.length}`, site);
  }
}

/** Binds a name or a destructuring pattern to a value. */
export function bindName(cx: LowerContext, name: ts.BindingName, value: Value): void {
  const ts = cx.ts;
  if (ts.isIdentifier(name)) {
    const symbol = cx.checker.getSymbolAtLocation(name)!;
    cx.scope.set(symbol, value);
    cx.locals.add(symbol);
    return;
  }
  for (const [index, element] of name.elements.entries()) {
    if (ts.isOmittedExpression(element)) continue;
    if (element.dotDotDotToken || element.initializer) refuse(DiagnosticCode.UnsupportedSyntax, "rest elements and defaults in destructuring are not compiled", element);
    const key = ts.isObjectBindingPattern(name) ? (element.propertyName ?? element.name).getText() : index;
    const member = typeof key === "number" ? ("array" in value ? value.array[key] : undefined) : "object" in value ? value.object.get(key) : undefined;
    if (!member) refuse(DiagnosticCode.UnsupportedSyntax, `destructuring \`${element.getText()}\` needs a literal array or object on the right`, element);
    bindName(cx, element.name, member);
  }
}

/** Lowers a function body (a block ending in `return`, or an expression) to the value it returns. */
export function lowerBody(cx: LowerContext, fn: PerExampleFunction): Value {
  const ts = cx.ts;
  const body = fn.body;
  if (!body) return refuse(DiagnosticCode.UnresolvedFunction, "the per-example function has no body", fn);
  if (!ts.isBlock(body)) return lowerExpression(cx, body);
  const statements = body.statements;
  for (const [index, statement] of statements.entries()) {
    if (ts.isReturnStatement(statement)) {
      if (index !== statements.length - 1) {
        refuse(DiagnosticCode.UnsupportedSyntax, "a `return` before the end of the function is not compiled; return once, at the end", statement);
      }
      if (!statement.expression) return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must return a value", statement);
      return lowerExpression(cx, statement.expression);
    }
    lowerStatement(cx, statement);
  }
  return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must end with `return`", fn);
}

function lowerStatement(cx: LowerContext, statement: ts.Statement): void {
  const ts = cx.ts;
  switch (statement.kind) {
    case ts.SyntaxKind.VariableStatement:
      for (const declaration of (statement as ts.VariableStatement).declarationList.declarations) {
        if (!declaration.initializer) {
          refuse(DiagnosticCode.UnsupportedSyntax, `\`${declaration.name.getText()}\` needs an initial value`, declaration);
        }
        bindName(cx, declaration.name, lowerExpression(cx, declaration.initializer));
      }
      return;
    case ts.SyntaxKind.ExpressionStatement: {
      const expression = (statement as ts.ExpressionStatement).expression;
      if (ts.isCallExpression(expression)) lowerCall(cx, expression, true);
      else lowerExpression(cx, expression);
      return;
    }
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.FunctionDeclaration:
      return;
  }
  refuse(
    DiagnosticCode.UnsupportedSyntax,
    `\`${ts.SyntaxKind[statement.kind]}\` is not compiled yet: vmap compiles straight-line code (\`const\`, \`let\`, assignments, \`return\`). Use \`?:\` or \`np.where\` for choices`,
    statement,
  );
}

export function functionName(cx: LowerContext, fn: PerExampleFunction): string {
  if (fn.name) return fn.name.getText();
  const parent = fn.parent;
  if (parent && cx.ts.isVariableDeclaration(parent) && cx.ts.isIdentifier(parent.name)) return parent.name.text;
  return "fn";
}
