import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { Equation, Operand, Var } from "../ir";
import type { Abstract } from "../prims";
import { type Binding, type LowerContext, Slot, type Value, isOperand, refuse } from "./context";
import { emitPrim, kindOfOperand, lowerExpression, lowerOperand, requireKind } from "./expression";
import { bindName } from "./function";
import { type Jumps, jumpsOf, labelOf, lowerGuarded, outwardFlags, whileClear, withBreakTarget } from "./jumps";
import { lowerDeclarations, lowerReturning, lowerStatement, lowerStatements } from "./statement";
import { pushesToList, unrollFor } from "./unroll";

/**
 * Structured control flow. Each construct lowers its parts into their own
 * equation lists; which of them run, and how (a JS `if`, or both sides and a
 * `where`), is the batch stage's call once it knows what is batched.
 */

/** `if (c) A else B` that assigns locals: each local either branch changes becomes an output of the `cond`. */
export function lowerIf(cx: LowerContext, node: ts.IfStatement): void {
  const condition = lowerCondition(cx, node.expression);
  lowerBranches(cx, condition, () => lowerStatement(cx, node.thenStatement), () => node.elseStatement && lowerStatement(cx, node.elseStatement), node);
}

/** Lowers two branches chosen by `condition`; each binding either changes becomes an output of the `cond`. */
export function lowerBranches(cx: LowerContext, condition: Operand, lowerThen: () => void, lowerElse: () => void, node: ts.Node): void {
  const before = cx.scope;
  const thenPart = inBranch(cx, lowerThen);
  const elsePart = inBranch(cx, lowerElse);
  const changed = [...before.keys()].filter((binding) => thenPart.scope.get(binding) !== before.get(binding) || elsePart.scope.get(binding) !== before.get(binding));
  const operandOf = (scope: ReadonlyMap<Binding, Value>, binding: Binding) => asOperand(scope.get(binding)!, binding, node);
  const outs = emitCond(
    cx,
    condition,
    thenPart.equations,
    elsePart.equations,
    changed.map((binding) => operandOf(thenPart.scope, binding)),
    changed.map((binding) => operandOf(elsePart.scope, binding)),
    changed.map((binding) => binding.getName()),
    node,
  );
  changed.forEach((binding, index) => cx.scope.set(binding, outs[index]));
}

/** `if (c) { ...; return a } ...rest`: the branch that falls through continues with `rest`, and the function's value is chosen by `c`. */
export function lowerReturningIf(cx: LowerContext, node: ts.IfStatement, rest: readonly ts.Statement[], owner: ts.Node): Value {
  const condition = lowerCondition(cx, node.expression);
  const statementsOf = (branch: ts.Statement | undefined) => (branch ? [branch] : []);
  return chooseResult(
    cx,
    condition,
    () => lowerReturning(cx, [...statementsOf(node.thenStatement), ...rest], owner),
    () => lowerReturning(cx, [...statementsOf(node.elseStatement), ...rest], owner),
    node,
  );
}

/** The function's value when `condition` picks between two ways of computing it. */
export function chooseResult(cx: LowerContext, condition: Operand, lowerThen: () => Value, lowerElse: () => Value, node: ts.Node, name = "result"): Value {
  const thenPart = inBranch(cx, lowerThen);
  const elsePart = inBranch(cx, lowerElse);
  // A path that throws has no result: it takes the other path's structure, unset.
  if (cx.isUnset(thenPart.result)) thenPart.result = unsetLike(cx, elsePart.result);
  if (cx.isUnset(elsePart.result)) elsePart.result = unsetLike(cx, thenPart.result);
  const thenLeaves: Operand[] = [];
  const elseLeaves: Operand[] = [];
  const names: string[] = [];
  const shape = zipValues(thenPart.result, elsePart.result, name, (a, b, leafName) => {
    thenLeaves.push(a);
    elseLeaves.push(b);
    names.push(leafName);
  }, node);
  const outs = emitCond(cx, condition, thenPart.equations, elsePart.equations, thenLeaves, elseLeaves, names, node);
  let next = 0;
  return rebuild(shape, () => outs[next++]);
}

/** `for (init; test; update) body`: the initializer runs once, then a loop. */
export function lowerFor(cx: LowerContext, node: ts.ForStatement): void {
  const ts = cx.ts;
  if (pushesToList(cx, node.statement) && unrollFor(cx, node)) return;
  const init = node.initializer;
  if (init && ts.isVariableDeclarationList(init)) lowerDeclarations(cx, init);
  else if (init) lowerExpression(cx, init);
  lowerLoop(cx, { test: node.condition && (() => lowerCondition(cx, node.condition!)), body: node.statement, update: node.incrementor, node });
}

export function lowerWhile(cx: LowerContext, node: ts.WhileStatement): void {
  lowerLoop(cx, { test: () => lowerCondition(cx, node.expression), body: node.statement, node });
}

/**
 * Transforms `for (const c of list) body` into a loop over an index: `list` is
 * a closed-over constant array or a Tensor, whose length the loop reads once.
 */
export function lowerForOf(cx: LowerContext, node: ts.ForOfStatement): void {
  const ts = cx.ts;
  if (node.awaitModifier) refuse(DiagnosticCode.UnsupportedSyntax, "`for await` is not compiled", node);
  if (!ts.isVariableDeclarationList(node.initializer) || node.initializer.declarations.length !== 1) {
    refuse(DiagnosticCode.UnsupportedSyntax, "write `for (const name of list)`: a new `const` for each element", node.initializer);
  }
  const declaration = node.initializer.declarations[0];
  const list = lowerOperand(cx, node.expression);
  const length = lengthOf(cx, list, node.expression);
  const position = new Slot("position");
  cx.scope.set(position, { literal: 0 });
  lowerLoop(cx, {
    test: () => {
      const at = cx.scope.get(position) as Operand;
      return emitPrim(cx, "less", [at, length], { form: "operator", token: ts.SyntaxKind.LessThanToken }, node, "more");
    },
    body: node.statement,
    bindEach: () => bindName(cx, declaration.name, elementAt(cx, list, cx.scope.get(position) as Operand, node.expression)),
    step: () => cx.scope.set(position, emitPrim(cx, "add", [cx.scope.get(position) as Operand, { literal: 1 }], { form: "operator", token: ts.SyntaxKind.PlusToken }, node, "position")),
    carriedSlots: [position],
    node,
  });
}

/** How many elements a `for...of` visits: a Tensor's leading axis, or a closed-over array's length. */
function lengthOf(cx: LowerContext, list: Operand, node: ts.Expression): Operand {
  if (kindOfOperand(list) === "tensor") {
    const shape = cx.newVar("shape", "opaque", undefined);
    cx.emit({ op: "meta", property: "shape", of: list as Var, out: shape, node });
    const length = cx.newVar("length", "number", 0);
    cx.emit({ op: "element", object: shape, index: { literal: 0 }, out: length, node });
    return length;
  }
  if (kindOfOperand(list) !== "opaque" || !cx.checker.isArrayLikeType(cx.checker.getTypeAtLocation(node))) {
    return refuse(DiagnosticCode.UnsupportedSyntax, `\`for...of\` runs over a Tensor or a closed-over array; \`${node.getText()}\` is neither`, node);
  }
  const length = cx.newVar("length", "number", 0);
  cx.emit({ op: "property", object: list, name: "length", out: length, node });
  return length;
}

function elementAt(cx: LowerContext, list: Operand, position: Operand, node: ts.Expression): Operand {
  if (kindOfOperand(list) === "tensor") return emitPrim(cx, "index", [list, position], { form: "np" }, node, "element");
  const element = cx.newVar("element", cx.kindOfType(cx.checker.getIndexTypeOfType(cx.checker.getTypeAtLocation(node), cx.ts.IndexKind.Number) ?? cx.checker.getAnyType(), node), undefined);
  cx.emit({ op: "element", object: list, index: position, out: element, node });
  return element;
}

interface LoopParts {
  /** Lowers the test; none is `true`. */
  readonly test?: () => Operand;
  readonly body: ts.Statement;
  readonly update?: ts.Expression;
  /** Binds the names each iteration declares (a `for...of` element). */
  readonly bindEach?: () => void;
  /** Advances what the lowering itself counts (a `for...of` position). */
  readonly step?: () => void;
  /** Slots the loop carries besides the locals its body assigns. */
  readonly carriedSlots?: readonly Slot[];
  readonly node: ts.Node;
}

/**
 * A loop: the locals it assigns are carried from one iteration to the next.
 * Inside, they are the carried values; after it, their final values. A carried
 * value takes the kind and rank of its start, widened by what the body assigns
 * it until one more pass widens nothing (a number that becomes a Tensor, a
 * Tensor whose rank the body changes). `break`, `continue` and `return` in the
 * body set flags (see `jumps.ts`); the loop goes on while its test holds and
 * no example broke out or returned.
 */
function lowerLoop(cx: LowerContext, parts: LoopParts): void {
  const { body, update, node } = parts;
  const label = labelOf(cx, node);
  const jumps = jumpsOf(cx, body, label);
  const target = { broke: new Slot("broke"), continued: new Slot("continued"), label };
  if (jumps.breaks) cx.scope.set(target.broke, { literal: false });
  const outward = outwardFlags(cx, jumps);
  const bindings: Binding[] = [
    ...assignedSymbols(cx, [body, update]).filter((symbol) => cx.scope.has(symbol)),
    ...(parts.carriedSlots ?? []),
    ...(jumps.breaks ? [target.broke] : []),
    ...outward,
    ...(jumps.returns && cx.jumps.returns ? [cx.jumps.returns.returned, cx.jumps.returns.result] : []),
  ];
  const initial = bindings.map((binding) => asOperand(cx.scope.get(binding)!, binding, node));
  const before = new Map(cx.scope);
  let carriedAbstract: (Abstract | undefined)[] = initial.map((operand) => (cx.isUnset(operand) ? undefined : cx.abstractOf(operand)));
  for (;;) {
    const levelCount = cx.levels.length;
    // A carried value still unset takes its kind from the first pass's assignment.
    const carried = bindings.map((binding, index) => {
      const abstract = carriedAbstract[index] ?? { kind: "number", rank: 0 };
      return cx.newVar(binding.getName(), abstract.kind, abstract.rank);
    });
    bindings.forEach((binding, index) => cx.scope.set(binding, carried[index]));
    const tested = cx.collect(() => continuing(cx, parts, jumps, target, outward));
    const iteration = inBranch(cx, () => withBreakTarget(cx, target, jumps, () => {
      // An example in the body has not broken out or returned: its test said so.
      if (jumps.breaks) cx.scope.set(target.broke, { literal: false });
      if (jumps.returns && cx.jumps.returns) cx.scope.set(cx.jumps.returns.returned, { literal: false });
      parts.bindEach?.();
      cx.loopDepth++;
      try {
        lowerStatements(cx, statementsOf(cx, body));
      } finally {
        cx.loopDepth--;
      }
      if (jumps.continues) cx.scope.set(target.continued, { literal: false });
      lowerGuarded(cx, node, () => {
        if (update) lowerExpression(cx, update);
        parts.step?.();
      });
    }));
    const next = bindings.map((binding) => asOperand(iteration.scope.get(binding)!, binding, node));
    const widened = carriedAbstract.map((start, index) => {
      if (cx.isUnset(next[index])) return start;
      const assigned = cx.abstractOf(next[index]);
      if (start === undefined) return assigned;
      return join(start, assigned) ?? refuse(
        DiagnosticCode.UnsupportedSyntax,
        `\`${bindings[index].getName()}\` holds a ${start.kind} and is assigned a ${assigned.kind} in this loop; keep one kind of value in it, or use two variables`,
        node,
      );
    });
    if (widened.every((abstract, index) => abstract === undefined ? carriedAbstract[index] === undefined : carriedAbstract[index] !== undefined && sameAbstract(abstract, carriedAbstract[index]!))) {
      cx.emit({ op: "loop", carried, initial, test: tested.equations, condition: tested.result, body: iteration.equations, next, node });
      for (const slot of [target.broke, ...(parts.carriedSlots ?? [])]) cx.scope.delete(slot);
      return;
    }
    // Lowers the loop again from the start, with the carried values widened.
    cx.scope = new Map(before);
    cx.levels.length = levelCount;
    carriedAbstract = widened;
  }
}

/** The loop's test, and that no example has broken out (of it or, by label, of a loop around it) or returned. */
function continuing(cx: LowerContext, parts: LoopParts, jumps: Jumps, target: { readonly broke: Slot }, outward: readonly Slot[]): Operand {
  const test = parts.test?.() ?? { literal: true };
  const flags = [...(jumps.breaks ? [target.broke] : []), ...outward, ...(jumps.returns && cx.jumps.returns ? [cx.jumps.returns.returned] : [])];
  return whileClear(cx, test, flags, parts.node, "continuing");
}

/** A loop body's statements: a block's own, or the one statement. */
function statementsOf(cx: LowerContext, body: ts.Statement): readonly ts.Statement[] {
  return cx.ts.isBlock(body) ? body.statements : [body];
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

export function lowerCondition(cx: LowerContext, node: ts.Expression): Operand {
  const condition = lowerOperand(cx, node);
  requireKind(condition, "boolean", node, "a condition must be a boolean; compare first (`x !== 0`)");
  return condition;
}

/** Lowers a branch with its own copy of the bindings, and restores the ones before it. */
function inBranch<T>(cx: LowerContext, lower: () => T): { equations: Equation[]; result: T; scope: ReadonlyMap<Binding, Value> } {
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
    if (cx.isUnset(thenValues[index]) || cx.isUnset(elseValues[index])) {
      const assigned = cx.isUnset(thenValues[index]) ? b : a;
      return cx.newVar(name, assigned.kind, assigned.rank);
    }
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

function unsetLike(cx: LowerContext, value: Value): Value {
  if ("array" in value) return { array: value.array.map((element) => unsetLike(cx, element)) };
  if ("object" in value) return { object: new Map([...value.object].map(([key, member]) => [key, unsetLike(cx, member)])) };
  return isOperand(value) ? cx.unset(kindOfOperand(value) === "boolean" ? "boolean" : "number") : value;
}

function rebuild(shape: Shape, nextLeaf: () => Operand): Value {
  if (shape === "leaf") return nextLeaf();
  if ("array" in shape) return { array: shape.array.map((element) => rebuild(element, nextLeaf)) };
  return { object: new Map(shape.object.map(([key, member]) => [key, rebuild(member, nextLeaf)])) };
}

function asOperand(value: Value, binding: Binding, node: ts.Node): Operand {
  if (isOperand(value)) return value;
  return refuse(DiagnosticCode.UnsupportedSyntax, `\`${binding.getName()}\` holds a structure or function and is assigned in a branch or loop; assign numbers, booleans or Tensors there`, node);
}

/** The locals assigned (`=`, `+=`, `++`) anywhere in `nodes`, outside nested functions. */
export function assignedSymbols(cx: LowerContext, nodes: readonly (ts.Node | undefined)[]): ts.Symbol[] {
  const ts = cx.ts;
  const found = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) target = node.operand;
    const targets = target && ts.isArrayLiteralExpression(target) ? target.elements : target ? [target] : [];
    for (const each of targets) {
      const symbol = ts.isIdentifier(each) ? cx.checker.getSymbolAtLocation(each) : undefined;
      if (symbol) found.add(symbol);
    }
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) if (node) visit(node);
  return [...found];
}
