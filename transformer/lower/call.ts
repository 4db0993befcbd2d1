import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { Operand } from "../ir";
import { type LowerContext, type Value, isOperand, refuse } from "./context";
import { emitPrim, lowerExpression, lowerOperand } from "./expression";
import { inlineFunction } from "./function";
import { isMathGlobal, isNumberGlobal, mathPrims, numberPrims } from "./math";
import { npPrim, vmappedCallable } from "./callable";
import { applyNpOp, isConstantArgument } from "./composite";
import { writtenConstant } from "./constant";
import { lowerDynamicSlice } from "./dynamic-slice";
import { lowerPush } from "./unroll";
import { applyVmap } from "./vmap";

/**
 * Lowers a call. `asStatement` is true for a call whose value is discarded:
 * only there may a call into unseen code stay, as an effect (`console.log`).
 */
export function lowerCall(cx: LowerContext, node: ts.CallExpression, asStatement: boolean): Value | undefined {
  const ts = cx.ts;
  // Transforms `vmap(f, options)` into a value that lowers `f` where it is called.
  if (cx.env.isVmapCall(node)) return { vmapCall: node };
  const op = cx.env.npOpName(node.expression);
  if (op === "slice") return lowerDynamicSlice(cx, node) ?? emitPrim(cx, "slice", lowerNpArguments(cx, node.arguments), { form: "np" }, node, op);
  // An op's value is named for it (`var`, a reserved word, as `variance`).
  if (op) {
    const prim = npPrim(op, node.expression);
    const args = node.arguments.map((argument, index) => (isConstantArgument(prim, index) && writtenConstant(cx, argument)) || lowerNpArgument(cx, argument));
    return applyNpOp(cx, prim, args, node, op === "var" ? "variance" : op);
  }
  if (ts.isPropertyAccessExpression(node.expression) && isMathGlobal(cx, node.expression.expression)) {
    return lowerMathCall(cx, node, node.expression.name.text);
  }
  if (ts.isPropertyAccessExpression(node.expression) && isNumberGlobal(cx, node.expression.expression)) {
    return lowerNumberCall(cx, node, node.expression.name.text);
  }
  // Transforms `list.push(x)` on a local list into the longer list.
  if (asStatement && lowerPush(cx, node)) return undefined;
  const callee = calleeValue(cx, node.expression);
  if (callee && "helper" in callee) {
    return inlineFunction(cx, callee.helper, lowerArguments(cx, node.arguments), node, callee.closure);
  }
  if (callee && "vmapCall" in callee) {
    return applyVmap(cx, vmappedCallable(cx, callee.vmapCall), lowerArguments(cx, node.arguments), node);
  }
  if (asStatement) {
    const calleeOperand = lowerOperand(cx, node.expression);
    cx.emit({ op: "effect", callee: calleeOperand, args: node.arguments.map((argument) => lowerOperand(cx, argument)), node });
    return undefined;
  }
  return refuse(
    DiagnosticCode.OpaqueCall,
    `\`${node.expression.getText()}\` is a call the transformer cannot see into, so it cannot batch its result. Call an \`np\` op, a \`Math\` function or a function written in this program`,
    node.expression,
  );
}

/** The callee when it is a helper function or a `vmap(...)` result; undefined for anything else. */
function calleeValue(cx: LowerContext, callee: ts.Expression): Value | undefined {
  if (cx.ts.isIdentifier(callee)) {
    const symbol = cx.checker.getSymbolAtLocation(callee);
    const bound = symbol && cx.scope.get(symbol);
    if (bound) return bound;
  }
  const resolved = cx.env.resolveCallee(callee);
  if (!resolved) return undefined;
  return "fn" in resolved ? { helper: resolved.fn } : resolved;
}

/** The arguments of a call to a helper or a vmapped function; `...pair` spreads a tuple into its elements. */
function lowerArguments(cx: LowerContext, args: readonly ts.Expression[]): Value[] {
  return args.flatMap((argument) => {
    if (!cx.ts.isSpreadElement(argument)) return [lowerExpression(cx, argument)];
    const spread = lowerExpression(cx, argument.expression);
    if ("array" in spread) return [...spread.array];
    return refuse(DiagnosticCode.UnsupportedSyntax, `\`${argument.getText()}\` spreads a value whose length is not known here; spread a tuple written in the function, or pass the elements`, argument);
  });
}

/** np op arguments: operands, with array literals (shapes, lists of tensors) kept as `array` values. */
function lowerNpArguments(cx: LowerContext, args: readonly ts.Expression[]): Operand[] {
  return args.map((argument) => lowerNpArgument(cx, argument));
}

function lowerNpArgument(cx: LowerContext, argument: ts.Expression): Operand {
  return toOperand(cx, lowerExpression(cx, argument), argument);
}

function toOperand(cx: LowerContext, value: Value, node: ts.Expression): Operand {
  if (isOperand(value)) return value;
  if ("array" in value) {
    const elements = value.array.map((element) => toOperand(cx, element, node));
    const out = cx.newVar("list", "opaque", undefined);
    cx.emit({ op: "array", elements, out, node });
    return out;
  }
  return refuse(DiagnosticCode.BadArguments, `\`${node.getText()}\` is not a number, Tensor or list an \`np\` op takes`, node);
}

function lowerMathCall(cx: LowerContext, node: ts.CallExpression, name: string): Value {
  const prim = mathPrims.get(name);
  if (!prim) {
    return refuse(
      DiagnosticCode.OpaqueCall,
      `\`Math.${name}\` is not compiled; the Math functions vmap batches are ${[...mathPrims.keys()].join(", ")}`,
      node.expression,
    );
  }
  const args = node.arguments.map((argument) => lowerOperand(cx, argument));
  const source = { form: "math", name } as const;
  if (name === "max" || name === "min") {
    if (args.length === 0) return { literal: name === "max" ? -Infinity : Infinity };
    return args.slice(1).reduce<Operand>((folded, next) => emitPrim(cx, prim, [folded, next], source, node), args[0]);
  }
  if (name === "hypot" && args.length === 0) return { literal: 0 };
  return emitPrim(cx, prim, args, source, node);
}

/** `Number.isNaN(x)` and the other tests of a number. */
function lowerNumberCall(cx: LowerContext, node: ts.CallExpression, name: string): Value {
  const prim = numberPrims.get(name);
  if (!prim) {
    return refuse(DiagnosticCode.OpaqueCall, `\`Number.${name}\` is not compiled; the Number functions vmap batches are ${[...numberPrims.keys()].join(", ")}`, node.expression);
  }
  const args = node.arguments.map((argument) => lowerOperand(cx, argument));
  return emitPrim(cx, prim, args, { form: "math", name, global: "Number" }, node);
}
