import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { Kind, Operand, SourceForm, Var } from "../ir";
import { isVar } from "../ir";
import { type AbstractOperand, type PrimName, abstractResult } from "../prims";
import { tokenOf } from "../tokens";
import { lowerCall } from "./call";
import { chooseResult } from "./control";
import { foldOperator } from "./fold";
import { type LowerContext, type Value, isOperand, refuse } from "./context";

const binaryPrims = new Map<string, PrimName>([
  ["+", "add"], ["-", "sub"], ["*", "mul"], ["/", "div"], ["%", "rem"], ["**", "pow"],
  ["<", "less"], ["<=", "lessEqual"], [">", "greater"], [">=", "greaterEqual"],
  ["===", "equal"], ["==", "equal"], ["!==", "notEqual"], ["!=", "notEqual"],
  ["&&", "logicalAnd"], ["||", "logicalOr"],
]);

/** Lowers an expression to the value it has for one example. */
export function lowerExpression(cx: LowerContext, node: ts.Expression): Value {
  const ts = cx.ts;
  switch (node.kind) {
    case ts.SyntaxKind.NumericLiteral:
      return { literal: Number((node as ts.NumericLiteral).text) };
    case ts.SyntaxKind.TrueKeyword:
      return { literal: true };
    case ts.SyntaxKind.FalseKeyword:
      return { literal: false };
    case ts.SyntaxKind.NullKeyword:
      return { literal: null };
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return { literal: (node as ts.StringLiteral).text };
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.SatisfiesExpression:
      return lowerExpression(cx, (node as ts.ParenthesizedExpression).expression);
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return lowerAssertion(cx, node as ts.AsExpression);
    case ts.SyntaxKind.Identifier:
      return lowerIdentifier(cx, node as ts.Identifier);
    case ts.SyntaxKind.PrefixUnaryExpression:
      return lowerPrefixUnary(cx, node as ts.PrefixUnaryExpression);
    case ts.SyntaxKind.PostfixUnaryExpression:
      return lowerIncrement(cx, node as ts.PostfixUnaryExpression, false);
    case ts.SyntaxKind.BinaryExpression:
      return lowerBinary(cx, node as ts.BinaryExpression);
    case ts.SyntaxKind.ConditionalExpression:
      return lowerConditional(cx, node as ts.ConditionalExpression);
    case ts.SyntaxKind.CallExpression:
      return lowerCall(cx, node as ts.CallExpression, false) as Value;
    case ts.SyntaxKind.PropertyAccessExpression:
      return lowerPropertyAccess(cx, node as ts.PropertyAccessExpression);
    case ts.SyntaxKind.ElementAccessExpression:
      return lowerElementAccess(cx, node as ts.ElementAccessExpression);
    case ts.SyntaxKind.ArrayLiteralExpression:
      return { array: (node as ts.ArrayLiteralExpression).elements.map((element) => lowerElement(cx, element)) };
    case ts.SyntaxKind.ObjectLiteralExpression:
      return lowerObjectLiteral(cx, node as ts.ObjectLiteralExpression);
    case ts.SyntaxKind.TemplateExpression:
      return lowerTemplate(cx, node as ts.TemplateExpression);
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      // A function written here closes over the bindings it sees, which may be gone where it is called.
      return { helper: node as ts.ArrowFunction, closure: cx.scope };
  }
  return refuse(
    DiagnosticCode.UnsupportedSyntax,
    `${describe(ts, node)} is not in the language vmap compiles. Write it with numbers, Tensors, \`np\` ops, \`Math\` functions and \`?:\``,
    node,
  );
}

/** Lowers an expression that must be one scalar or tensor value, not a structure or a function. */
export function lowerOperand(cx: LowerContext, node: ts.Expression): Operand {
  const value = lowerExpression(cx, node);
  if (!isOperand(value)) {
    refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.getText()}\` is a structure or a function where a number or Tensor is needed`, node);
  }
  return value;
}

/** Emits `out = prim(args)`, with the kind and rank its abstract evaluation gives from the operands. */
export function emitPrim(cx: LowerContext, prim: PrimName, args: readonly Operand[], source: SourceForm, node: ts.Node, hint: string = prim): Var {
  const { kind, rank } = abstractResult(prim, args.map((arg) => cx.abstractOf(arg)), source);
  const out = cx.newVar(hint, kind, rank);
  cx.emit({ op: "prim", prim, args, out, source, node });
  return out;
}

/** A JS operator the user wrote: computed here when its operands are literals, else emitted. */
function emitOperator(cx: LowerContext, prim: PrimName, args: readonly Operand[], source: SourceForm, node: ts.Node, hint?: string): Operand {
  return foldOperator(prim, args) ?? emitPrim(cx, prim, args, source, node, hint);
}

export function kindOfOperand(operand: Operand): Kind {
  if (isVar(operand)) return operand.kind;
  switch (typeof operand.literal) {
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "opaque";
  }
}

/**
 * `t as number` on a Tensor converts it to its one element, a rank-0 value; any
 * other assertion changes nothing a value is, only what TypeScript believes.
 */
function lowerAssertion(cx: LowerContext, node: ts.AsExpression): Value {
  const value = lowerExpression(cx, node.expression);
  if (!isOperand(value) || kindOfOperand(value) !== "tensor") return value;
  if (cx.kindOfType(cx.checker.getTypeFromTypeNode(node.type), node) !== "number") return value;
  return emitPrim(cx, "asNumber", [value], { form: "helper", name: "scalarValue" }, node, isVar(value) ? value.hint : "value");
}

function lowerIdentifier(cx: LowerContext, node: ts.Identifier): Value {
  if (node.text === "undefined") return { literal: undefined };
  const symbol = cx.checker.getSymbolAtLocation(node);
  const bound = symbol && cx.scope.get(symbol);
  if (bound && cx.isUnset(bound)) {
    return refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.text}\` may be read before it is assigned; assign it on every path before this read`, node);
  }
  if (bound) return bound;
  const callee = cx.env.resolveCallee(node);
  if (callee) return "fn" in callee ? { helper: callee.fn } : callee;
  return lowerFree(cx, node, symbol);
}

/** A name from outside the per-example function: a closed-over constant, read as is. */
function lowerFree(cx: LowerContext, node: ts.Identifier, symbol: ts.Symbol | undefined): Var {
  if (!symbol || !cx.isVisibleAtCallSite(symbol)) {
    refuse(
      DiagnosticCode.OutOfScope,
      `\`${node.text}\` is closed over by the per-example function but is not in scope at the vmap call site, where the batched code runs. Pass it as an argument with \`inAxes\` null, or call vmap where \`${node.text}\` is visible`,
      node,
    );
  }
  const out = cx.newVar(node.text, cx.kindOf(node), undefined);
  cx.emit({ op: "free", expression: node, out, node });
  return out;
}

function lowerPrefixUnary(cx: LowerContext, node: ts.PrefixUnaryExpression): Value {
  const ts = cx.ts;
  switch (node.operator) {
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken:
      return lowerIncrement(cx, node, true);
    case ts.SyntaxKind.PlusToken:
      return lowerOperand(cx, node.operand);
    case ts.SyntaxKind.MinusToken: {
      const operand = lowerOperand(cx, node.operand);
      if (!isVar(operand) && typeof operand.literal === "number") return { literal: -operand.literal };
      return emitPrim(cx, "neg", [operand], { form: "operator", token: node.operator, prefix: true }, node);
    }
    case ts.SyntaxKind.ExclamationToken: {
      const operand = lowerOperand(cx, node.operand);
      requireKind(operand, "boolean", node.operand, "`!` takes a boolean here; compare first (`x !== 0`)");
      return emitOperator(cx, "logicalNot", [operand], { form: "operator", token: node.operator, prefix: true }, node);
    }
  }
  return refuse(DiagnosticCode.UnsupportedSyntax, `the operator in \`${node.getText()}\` is not compiled; use arithmetic, comparisons or \`np\` ops`, node);
}

function lowerBinary(cx: LowerContext, node: ts.BinaryExpression): Value {
  const ts = cx.ts;
  const token = node.operatorToken.kind;
  if (token >= ts.SyntaxKind.FirstAssignment && token <= ts.SyntaxKind.LastAssignment) return lowerAssignment(cx, node);
  const prim = binaryPrims.get(ts.tokenToString(token) ?? "");
  if (!prim) {
    return refuse(DiagnosticCode.UnsupportedSyntax, `the operator \`${node.operatorToken.getText()}\` is not compiled; use arithmetic, comparisons, \`&&\`, \`||\` or \`np\` ops`, node.operatorToken);
  }
  const left = lowerOperand(cx, node.left);
  const right = lowerOperand(cx, node.right);
  if ((prim === "equal" || prim === "notEqual") && (isNullish(left) || isNullish(right))) {
    // Transforms `x !== null` into a test of the argument as given, the same for every example.
    return emitPrim(cx, "nullTest", isNullish(right) ? [left, right] : [right, left], { form: "operator", token }, node, "given");
  }
  if (prim === "logicalAnd" || prim === "logicalOr") {
    requireKind(left, "boolean", node.left, `\`${node.operatorToken.getText()}\` takes booleans here; compare first (\`x !== 0\`)`);
    requireKind(right, "boolean", node.right, `\`${node.operatorToken.getText()}\` takes booleans here; compare first (\`x !== 0\`)`);
  }
  return emitOperator(cx, prim, [left, right], { form: "operator", token }, node);
}

/** `x = e`, `x += e` and the like on a local: rebinds `x` to a new value. */
function lowerAssignment(cx: LowerContext, node: ts.BinaryExpression): Value {
  const ts = cx.ts;
  const token = node.operatorToken.kind;
  if (token === ts.SyntaxKind.EqualsToken && ts.isArrayLiteralExpression(node.left)) return lowerTupleAssignment(cx, node.left, node.right);
  const symbol = assignedLocal(cx, node.left);
  let value: Value;
  if (token === ts.SyntaxKind.EqualsToken) {
    value = lowerExpression(cx, node.right);
  } else {
    const operator = ts.tokenToString(token)!.slice(0, -1);
    const prim = binaryPrims.get(operator);
    if (!prim) return refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.operatorToken.getText()}\` is not compiled; write \`x = x ${operator} y\` with a supported operator`, node.operatorToken);
    const current = cx.scope.get(symbol)!;
    value = emitOperator(cx, prim, [current as Operand, lowerOperand(cx, node.right)], { form: "operator", token: tokenOf(ts, operator) }, node, symbol.getName());
  }
  cx.scope.set(symbol, value);
  return value;
}

/**
 * Transforms `[x, y] = [f(x, y), g(x, y)]` into rebinding each local: the
 * right side is computed whole first, so the update is simultaneous.
 */
function lowerTupleAssignment(cx: LowerContext, targets: ts.ArrayLiteralExpression, source: ts.Expression): Value {
  const value = lowerExpression(cx, source);
  targets.elements.forEach((target, index) => {
    if (cx.ts.isOmittedExpression(target)) return;
    const symbol = assignedLocal(cx, target);
    const element = "array" in value ? value.array[index] : isOperand(value) ? elementOf(cx, value, index, target) : undefined;
    if (!element) refuse(DiagnosticCode.UnsupportedSyntax, `\`${source.getText()}\` has no element ${index} to assign to \`${target.getText()}\``, target);
    cx.scope.set(symbol, element);
  });
  return value;
}

/** Element `index` of a value held whole (a shape, a closed-over tuple), typed as `node` is. */
export function elementOf(cx: LowerContext, value: Operand, index: number, node: ts.Node): Var {
  const out = cx.newVar(cx.ts.isIdentifier(node) ? node.text : "element", cx.kindOf(node), undefined);
  cx.emit({ op: "element", object: value, index: { literal: index }, out, node });
  return out;
}

/** Member `key` of a value held whole (a closed-over object), typed as `node` is. */
export function memberOf(cx: LowerContext, value: Operand, key: string, node: ts.Node): Var {
  const out = cx.newVar(key, cx.kindOf(node), undefined);
  cx.emit({ op: "property", object: value, name: key, out, node });
  return out;
}

/** `x++`, `--x` on a local number. */
function lowerIncrement(cx: LowerContext, node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, prefix: boolean): Value {
  const ts = cx.ts;
  const symbol = assignedLocal(cx, node.operand);
  const current = cx.scope.get(symbol) as Operand;
  const prim = node.operator === ts.SyntaxKind.PlusPlusToken ? "add" : "sub";
  const token = prim === "add" ? ts.SyntaxKind.PlusToken : ts.SyntaxKind.MinusToken;
  const next = emitOperator(cx, prim, [current, { literal: 1 }], { form: "operator", token }, node, symbol.getName());
  cx.scope.set(symbol, next);
  return prefix ? next : current;
}

function assignedLocal(cx: LowerContext, target: ts.Expression): ts.Symbol {
  const ts = cx.ts;
  const symbol = ts.isIdentifier(target) ? cx.checker.getSymbolAtLocation(target) : undefined;
  if (!symbol || !cx.locals.has(symbol)) {
    refuse(
      DiagnosticCode.OuterMutation,
      `\`${target.getText()}\` is not a local of the per-example function; assigning to it would be an effect per example. Assign to a local \`let\` and return the value instead`,
      target,
    );
  }
  return symbol;
}

/**
 * Transforms `c ? a : b` into a choice, as `if`/`else` is: a side that
 * computes something is a branch of a `cond`, so on an unbatched `c` only the
 * taken side runs, and on a batched one each side runs under its mask (a
 * gather there does not read the other examples' indices). Two sides that
 * are plain values are `where(c, a, b)`.
 */
function lowerConditional(cx: LowerContext, node: ts.ConditionalExpression): Value {
  const condition = lowerOperand(cx, node.condition);
  requireKind(condition, "boolean", node.condition, "the condition of `?:` must be a boolean; compare first (`x !== 0`)");
  if (!isPlainValue(cx.ts, node.whenTrue) || !isPlainValue(cx.ts, node.whenFalse)) {
    return chooseResult(cx, condition, () => lowerExpression(cx, node.whenTrue), () => lowerExpression(cx, node.whenFalse), node, "selected");
  }
  const whenTrue = lowerOperand(cx, node.whenTrue);
  const whenFalse = lowerOperand(cx, node.whenFalse);
  return emitPrim(cx, "where", [condition, whenTrue, whenFalse], { form: "conditional" }, node, "selected");
}

/** A name or a literal: a side of `?:` that computes nothing. */
function isPlainValue(tsModule: typeof ts, node: ts.Expression): boolean {
  if (tsModule.isParenthesizedExpression(node)) return isPlainValue(tsModule, node.expression);
  if (tsModule.isPrefixUnaryExpression(node)) return node.operator === tsModule.SyntaxKind.MinusToken && tsModule.isNumericLiteral(node.operand);
  return tsModule.isIdentifier(node) || tsModule.isNumericLiteral(node) || node.kind === tsModule.SyntaxKind.TrueKeyword || node.kind === tsModule.SyntaxKind.FalseKeyword;
}

function lowerPropertyAccess(cx: LowerContext, node: ts.PropertyAccessExpression): Value {
  const name = node.name.text;
  const object = lowerExpression(cx, node.expression);
  if ("object" in object) {
    const member = object.object.get(name);
    if (member) return member;
  }
  if (!isOperand(object)) return refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.getText()}\` is not a value the transformer can read`, node);
  if (kindOfOperand(object) === "tensor" && (name === "shape" || name === "ndim" || name === "size")) {
    const out = cx.newVar(name, name === "shape" ? "opaque" : "number", undefined);
    cx.emit({ op: "meta", property: name, of: object as Var, out, node });
    return out;
  }
  const out = cx.newVar(name, cx.kindOf(node), undefined);
  cx.emit({ op: "property", object, name, out, node });
  return out;
}

function lowerElementAccess(cx: LowerContext, node: ts.ElementAccessExpression): Value {
  const object = lowerExpression(cx, node.expression);
  const index = lowerOperand(cx, node.argumentExpression);
  if ("array" in object && !isVar(index) && typeof index.literal === "number" && object.array[index.literal]) {
    return object.array[index.literal];
  }
  if ("object" in object && !isVar(index) && typeof index.literal === "string" && object.object.get(index.literal)) {
    return object.object.get(index.literal)!;
  }
  if (!isOperand(object)) return refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.getText()}\`: index a structure with a literal`, node);
  const out = cx.newVar("element", cx.kindOf(node), undefined);
  cx.emit({ op: "element", object, index, out, node });
  return out;
}

function lowerElement(cx: LowerContext, element: ts.Expression): Value {
  if (cx.ts.isSpreadElement(element)) {
    return refuse(DiagnosticCode.UnsupportedSyntax, "spread in an array literal is not compiled; list the elements", element);
  }
  return lowerExpression(cx, element);
}

function lowerObjectLiteral(cx: LowerContext, node: ts.ObjectLiteralExpression): Value {
  const ts = cx.ts;
  const members = new Map<string, Value>();
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      members.set(property.name.text, lowerExpression(cx, property.initializer));
    } else if (ts.isShorthandPropertyAssignment(property)) {
      const symbol = cx.checker.getShorthandAssignmentValueSymbol(property);
      const bound = symbol && cx.scope.get(symbol);
      members.set(property.name.text, bound ?? lowerIdentifier(cx, property.name));
    } else {
      refuse(DiagnosticCode.UnsupportedSyntax, "only `key: value` and shorthand properties are compiled in an object literal", property);
    }
  }
  return { object: members };
}

function lowerTemplate(cx: LowerContext, node: ts.TemplateExpression): Var {
  const spans = node.templateSpans.map((span) => ({ value: lowerOperand(cx, span.expression), text: span.literal.text }));
  const out = cx.newVar("text", "opaque", undefined);
  cx.emit({ op: "template", head: node.head.text, spans, out, node });
  return out;
}

function isNullish(operand: Operand): boolean {
  return !isVar(operand) && (operand.literal === null || operand.literal === undefined);
}

/** Refuses an operand of another kind: a Tensor in a condition is always truthy in JS, never a choice per element. */
export function requireKind(operand: Operand, kind: Kind, node: ts.Node, advice: string): void {
  const found = kindOfOperand(operand);
  if (found === kind) return;
  if (found === "tensor") {
    refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.getText()}\` is a Tensor, which JS always takes as true; to choose per element write \`np.where(condition, a, b)\``, node);
  }
  refuse(DiagnosticCode.UnsupportedSyntax, `\`${node.getText()}\` is a ${found}: ${advice}`, node);
}

function describe(ts: typeof import("typescript"), node: ts.Node): string {
  return `\`${node.getText().slice(0, 60)}\` (${ts.SyntaxKind[node.kind]})`;
}
