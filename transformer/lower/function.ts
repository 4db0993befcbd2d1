import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { PerExampleFunction } from "../env";
import { type Binding, type LowerContext, type Value, isOperand, refuse } from "./context";
import { elementOf, lowerExpression, memberOf } from "./expression";
import { lowerReturning } from "./statement";

/**
 * Lowers `fn` applied to `args` in place: the helper's body becomes part of the
 * per-example program, with its own bindings. Returns what it returns.
 */
export function inlineFunction(cx: LowerContext, fn: PerExampleFunction, args: readonly Value[], site: ts.Node, closure?: ReadonlyMap<Binding, Value>): Value {
  requireReadable(cx, fn);
  if (cx.inlining.includes(fn)) {
    refuse(DiagnosticCode.Recursion, `\`${functionName(cx, fn)}\` calls itself; recursion cannot be inlined. Write it with a loop or unroll it`, site);
  }
  const outerScope = cx.scope;
  const outerLocals = cx.locals;
  const outerJumps = cx.jumps;
  const outerLoopDepth = cx.loopDepth;
  // What the function closed over and is gone here (a factory's parameters) comes from `closure`; the rest is as it is now.
  cx.scope = new Map(closure ? [...closure, ...outerScope] : outerScope);
  cx.locals = new Set();
  cx.jumps = { breakable: [] };
  // Its lists are its own, made anew on each call: only its own loops bound their length.
  cx.loopDepth = 0;
  cx.inlining.push(fn);
  try {
    bindParameters(cx, fn, args, site);
    return lowerBody(cx, fn);
  } finally {
    cx.inlining.pop();
    cx.scope = outerScope;
    cx.locals = outerLocals;
    cx.jumps = outerJumps;
    cx.loopDepth = outerLoopDepth;
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

/**
 * Binds a name or a destructuring pattern to a value. A value held whole (a
 * `shape`, a closed-over tuple or object) is read element by element.
 */
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
    const key = ts.isObjectBindingPattern(name) ? propertyKey(cx, element) : index;
    bindName(cx, element.name, memberFor(cx, value, key, element));
  }
}

function memberFor(cx: LowerContext, value: Value, key: string | number, element: ts.BindingElement): Value {
  if (isOperand(value)) return typeof key === "number" ? elementOf(cx, value, key, element.name) : memberOf(cx, value, key, element.name);
  const member = typeof key === "number" ? ("array" in value ? value.array[key] : undefined) : "object" in value ? value.object.get(key) : undefined;
  return member ?? refuse(DiagnosticCode.UnsupportedSyntax, `\`${element.getText()}\` is not a member of the value destructured here`, element);
}

/** The property an object pattern's element reads: `{ lo }` reads `lo`, `{ low: lo }` reads `low`. */
function propertyKey(cx: LowerContext, element: ts.BindingElement): string {
  const property = element.propertyName ?? element.name;
  if (cx.ts.isIdentifier(property) || cx.ts.isStringLiteral(property) || cx.ts.isNumericLiteral(property)) return property.text;
  return refuse(DiagnosticCode.UnsupportedSyntax, "destructure by a property name written out, not a computed one", element);
}

/** Refuses functions whose meaning is not a value per example: async, generators, and `this`. */
export function requireReadable(cx: LowerContext, fn: PerExampleFunction): void {
  const ts = cx.ts;
  if (fn.asteriskToken || ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) {
    refuse(DiagnosticCode.UnsupportedSyntax, `\`${functionName(cx, fn)}\` is async or a generator, so it returns a promise or an iterator, not a value per example; pass a plain function`, fn);
  }
  const thisParameter = fn.parameters.find((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === "this");
  if (thisParameter) refuse(DiagnosticCode.UnsupportedSyntax, "a function with a `this` parameter is not compiled; pass what it reads as an argument", thisParameter);
}

/** Lowers a function body (a block ending in `return`, or an expression) to the value it returns. */
export function lowerBody(cx: LowerContext, fn: PerExampleFunction): Value {
  const body = fn.body;
  if (!body) return refuse(DiagnosticCode.UnresolvedFunction, "the per-example function has no body", fn);
  if (!cx.ts.isBlock(body)) return lowerExpression(cx, body);
  return lowerReturning(cx, body.statements, fn);
}

export function functionName(cx: LowerContext, fn: PerExampleFunction): string {
  if (fn.name) return fn.name.getText();
  const parent = fn.parent;
  if (parent && cx.ts.isVariableDeclaration(parent) && cx.ts.isIdentifier(parent.name)) return parent.name.text;
  return "fn";
}
