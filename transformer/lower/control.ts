import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { Equation, Operand, Var } from "../ir";
import type { Abstract } from "../prims";
import { type LowerContext, type Value, isOperand, refuse } from "./context";
import { lowerExpression, lowerOperand, requireKind } from "./expression";
import { lowerDeclarations, lowerReturning, lowerStatement } from "./statement";

/**
 * Structured control flow. Each construct lowers its parts into their own
 * equation lists; which of them run, and how (a JS `if`, or both sides and a
 * `where`), is the batch stage's call once it knows what is batched.
 */

/** `if (c) A else B` that assigns locals: each local either branch changes becomes an output of the `cond`. */
export function lowerIf(cx: LowerContext, node: ts.IfStatement): void {
  const condition = lowerCondition(cx, node.expression);
  const before = cx.scope;
  const thenPart = inBranch(cx, () => lowerStatement(cx, node.thenStatement));
  const elsePart = inBranch(cx, () => node.elseStatement && lowerStatement(cx, node.elseStatement));
  const changed = [...before.keys()].filter((symbol) => thenPart.scope.get(symbol) !== before.get(symbol) || elsePart.scope.get(symbol) !== before.get(symbol));
  const operandOf = (scope: ReadonlyMap<ts.Symbol, Value>, symbol: ts.Symbol) => asOperand(scope.get(symbol)!, symbol, node);
  const outs = emitCond(
    cx,
    condition,
    thenPart.equations,
    elsePart.equations,
    changed.map((symbol) => operandOf(thenPart.scope, symbol)),
    changed.map((symbol) => operandOf(elsePart.scope, symbol)),
    changed.map((symbol) => symbol.getName()),
    node,
  );
  changed.forEach((symbol, index) => cx.scope.set(symbol, outs[index]));
}

/** `if (c) { ...; return a } ...rest`: the branch that falls through continues with `rest`, and the function's value is chosen by `c`. */
export function lowerReturningIf(cx: LowerContext, node: ts.IfStatement, rest: readonly ts.Statement[], owner: ts.Node): Value {
  const condition = lowerCondition(cx, node.expression);
  const statementsOf = (branch: ts.Statement | undefined) => (branch ? [branch] : []);
  const thenPart = inBranch(cx, () => lowerReturning(cx, [...statementsOf(node.thenStatement), ...rest], owner));
  const elsePart = inBranch(cx, () => lowerReturning(cx, [...statementsOf(node.elseStatement), ...rest], owner));
  const thenLeaves: Operand[] = [];
  const elseLeaves: Operand[] = [];
  const names: string[] = [];
  const shape = zipValues(thenPart.result, elsePart.result, "result", (a, b, name) => {
    thenLeaves.push(a);
    elseLeaves.push(b);
    names.push(name);
  }, node);
  const outs = emitCond(cx, condition, thenPart.equations, elsePart.equations, thenLeaves, elseLeaves, names, node);
  let next = 0;
  return rebuild(shape, () => outs[next++]);
}

/** `for (init; test; update) body`: the initializer runs once, then a loop. */
export function lowerFor(cx: LowerContext, node: ts.ForStatement): void {
  const ts = cx.ts;
  const init = node.initializer;
  if (init && ts.isVariableDeclarationList(init)) lowerDeclarations(cx, init);
  else if (init) lowerExpression(cx, init);
  lowerLoop(cx, node.condition, node.statement, node.incrementor, node);
}

export function lowerWhile(cx: LowerContext, node: ts.WhileStatement): void {
  lowerLoop(cx, node.expression, node.statement, undefined, node);
}

/**
 * A loop: the locals it assigns are carried from one iteration to the next.
 * Inside, they are the carried values; after it, their final values. A carried
 * value takes the kind and rank of its start, widened by what the body assigns
 * it until one more pass widens nothing (a number that becomes a Tensor, a
 * Tensor whose rank the body changes).
 */
function lowerLoop(cx: LowerContext, test: ts.Expression | undefined, body: ts.Statement, update: ts.Expression | undefined, node: ts.Node): void {
  const symbols = assignedSymbols(cx, [test, body, update]).filter((symbol) => cx.scope.has(symbol));
  const initial = symbols.map((symbol) => asOperand(cx.scope.get(symbol)!, symbol, node));
  const before = new Map(cx.scope);
  let carriedAbstract = initial.map((operand) => cx.abstractOf(operand));
  for (let pass = 0; ; pass++) {
    const levelCount = cx.levels.length;
    const carried = symbols.map((symbol, index) => cx.newVar(symbol.getName(), carriedAbstract[index].kind, carriedAbstract[index].rank));
    symbols.forEach((symbol, index) => cx.scope.set(symbol, carried[index]));
    const tested = cx.collect(() => (test ? lowerCondition(cx, test) : { literal: true }));
    const iteration = inBranch(cx, () => {
      lowerStatement(cx, body);
      if (update) lowerExpression(cx, update);
    });
    const next = symbols.map((symbol) => asOperand(iteration.scope.get(symbol)!, symbol, node));
    const widened = carriedAbstract.map((start, index) => {
      const assigned = cx.abstractOf(next[index]);
      return join(start, assigned) ?? refuse(
        DiagnosticCode.UnsupportedSyntax,
        `\`${symbols[index].getName()}\` holds a ${start.kind} and is assigned a ${assigned.kind} in this loop; keep one kind of value in it, or use two variables`,
        node,
      );
    });
    if (widened.every((abstract, index) => sameAbstract(abstract, carriedAbstract[index]))) {
      cx.emit({ op: "loop", carried, initial, test: tested.equations, condition: tested.result, body: iteration.equations, next, node });
      return;
    }
    // Lowers the loop again from the start, with the carried values widened.
    cx.scope = new Map(before);
    cx.levels.length = levelCount;
    carriedAbstract = widened;
  }
}

/** The kind and rank of a value that may be either `a` or `b`: a number and a Tensor make a Tensor of unknown rank. */
function join(a: Abstract, b: Abstract): Abstract | undefined {
  if (a.kind === b.kind) return { kind: a.kind, rank: a.rank === b.rank ? a.rank : undefined };
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has("tensor") && !kinds.has("opaque")) return { kind: "tensor", rank: undefined };
  return undefined;
}

function sameAbstract(a: Abstract, b: Abstract): boolean {
  return a.kind === b.kind && a.rank === b.rank;
}

function lowerCondition(cx: LowerContext, node: ts.Expression): Operand {
  const condition = lowerOperand(cx, node);
  requireKind(condition, "boolean", node, "a condition must be a boolean; compare first (`x !== 0`)");
  return condition;
}

/** Lowers a branch with its own copy of the bindings, and restores the ones before it. */
function inBranch<T>(cx: LowerContext, lower: () => T): { equations: Equation[]; result: T; scope: ReadonlyMap<ts.Symbol, Value> } {
  const scope = cx.scope;
  const locals = cx.locals;
  cx.scope = new Map(scope);
  cx.locals = new Set(locals);
  try {
    const { equations, result } = cx.collect(lower);
    return { equations, result, scope: cx.scope };
  } finally {
    cx.scope = scope;
    cx.locals = locals;
  }
}

function emitCond(
  cx: LowerContext,
  condition: Operand,
  thenEquations: Equation[],
  elseEquations: Equation[],
  thenValues: Operand[],
  elseValues: Operand[],
  names: readonly string[],
  node: ts.Node,
): Var[] {
  const outs = names.map((name, index) => {
    const [a, b] = [cx.abstractOf(thenValues[index]), cx.abstractOf(elseValues[index])];
    const { kind, rank } = join(a, b) ?? refuse(DiagnosticCode.UnsupportedSyntax, `\`${name}\` is a ${a.kind} on one branch and a ${b.kind} on the other; give it one kind of value on both`, node);
    return cx.newVar(name, kind, rank);
  });
  cx.emit({ op: "cond", condition, then: thenEquations, else: elseEquations, thenValues, elseValues, outs, node });
  return outs;
}

type Shape = "leaf" | { readonly array: readonly Shape[] } | { readonly object: readonly (readonly [string, Shape])[] };

/** Walks two returned values of the same structure leaf by leaf; they must match, as both are the function's result. */
function zipValues(a: Value, b: Value, name: string, visit: (a: Operand, b: Operand, name: string) => void, node: ts.Node): Shape {
  if (isOperand(a) && isOperand(b)) {
    visit(a, b, name);
    return "leaf";
  }
  if ("array" in a && "array" in b && a.array.length === b.array.length) {
    return { array: a.array.map((element, index) => zipValues(element, b.array[index], `${name}${index}`, visit, node)) };
  }
  if ("object" in a && "object" in b && a.object.size === b.object.size && [...a.object.keys()].every((key) => b.object.has(key))) {
    return { object: [...a.object].map(([key, member]) => [key, zipValues(member, b.object.get(key)!, key, visit, node)] as const) };
  }
  return refuse(DiagnosticCode.UnsupportedSyntax, "the branches of this `if` return values of different structures; return the same structure from each", node);
}

function rebuild(shape: Shape, nextLeaf: () => Operand): Value {
  if (shape === "leaf") return nextLeaf();
  if ("array" in shape) return { array: shape.array.map((element) => rebuild(element, nextLeaf)) };
  return { object: new Map(shape.object.map(([key, member]) => [key, rebuild(member, nextLeaf)])) };
}

function asOperand(value: Value, symbol: ts.Symbol, node: ts.Node): Operand {
  if (isOperand(value)) return value;
  return refuse(DiagnosticCode.UnsupportedSyntax, `\`${symbol.getName()}\` holds a structure or function and is assigned in a branch or loop; assign numbers, booleans or Tensors there`, node);
}

/** The locals assigned (`=`, `+=`, `++`) anywhere in `nodes`, outside nested functions. */
function assignedSymbols(cx: LowerContext, nodes: readonly (ts.Node | undefined)[]): ts.Symbol[] {
  const ts = cx.ts;
  const found = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) target = node.operand;
    const symbol = target && ts.isIdentifier(target) ? cx.checker.getSymbolAtLocation(target) : undefined;
    if (symbol) found.add(symbol);
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) if (node) visit(node);
  return [...found];
}
