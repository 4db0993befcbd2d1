import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { type Operand, isVar } from "../ir";
import type { PrimName } from "../prims";
import { type LowerContext, refuse } from "./context";
import { emitPrim } from "./expression";

/**
 * Transforms `np.linalg.norm(x, ord?, axis?, keepdims?)` into numpy's formula
 * for `ord`, in the ops numpy and the runtime's `np.linalg.norm` compute it
 * with, so that compiled and reference agree to the last bit (runtime/norm.ts):
 * `x / 1` first (ints and bools become float64, as numpy's `x.astype(float)`),
 * then sqrt(sum(x²)) with no `ord`, 2 or "fro"; sum(|x|) for 1; max and min of
 * |x| for ±Infinity; sum(|x|^p)^(1/p) for any other p. Which formula applies
 * must be known here: `ord` is written as a literal, and a number `ord` reduces
 * one axis (numpy's matrix norms are not computed), "fro" two.
 */
export function lowerNorm(cx: LowerContext, args: readonly Operand[], node: ts.Node): Operand {
  if (args.length === 0 || args.length > 4) refuse(DiagnosticCode.BadArguments, "`np.linalg.norm` takes (x, ord?, axis?, keepdims?)", node);
  const [x, ordOperand, axis, keepdims] = args;
  // Where norm (or a vmap of it) is called, point at the ord written there.
  const writtenOrd = cx.ts.isCallExpression(node) && !cx.env.isVmapCall(node) ? node.arguments[1] : undefined;
  const ord = literalOrder(ordOperand, writtenOrd ?? node);
  const axisGiven = axis !== undefined && (isVar(axis) || (axis.literal !== null && axis.literal !== undefined));
  const reduced = axisGiven ? (isVar(axis) ? (cx.abstractOf(axis).length ?? 1) : 1) : cx.abstractOf(x).rank;
  const wanted = ord === "fro" ? 2 : typeof ord === "number" ? 1 : undefined;
  if (wanted !== undefined && reduced !== wanted) {
    const what = ord === "fro" ? "the Frobenius norm, over two axes" : "a vector norm, along one axis";
    const instead = ord === "fro" ? "give the two axes (`[0, 1]`) or no ord" : "give the axis (`np.linalg.norm(x, ord, -1)`); numpy's matrix norms are not compiled";
    const found = reduced === undefined ? "the rank of x is not known here" : `it would reduce ${reduced} ${reduced === 1 ? "axis" : "axes"}`;
    refuse(DiagnosticCode.BadArguments, `\`np.linalg.norm\` with ord ${String(ord)} is ${what}, but ${found}: ${instead}`, node);
  }
  if (ord === 0) refuse(DiagnosticCode.BadArguments, "`np.linalg.norm` with ord 0 counts nonzeros rather than measuring; write `np.sum(np.notEqual(x, 0), axis)`", node);
  const reduceArgs: Operand[] = keepdims !== undefined ? [axisGiven ? axis : { literal: null }, keepdims] : axisGiven ? [axis] : [];
  const np = (prim: PrimName, operands: readonly Operand[], hint: string) => emitPrim(cx, prim, operands, { form: "np" }, node, hint);
  const floats = np("div", [x, { literal: 1 }], "asFloat");
  const reduce = (prim: PrimName, values: Operand, hint: string) => np(prim, [values, ...reduceArgs], hint);
  if (ord === undefined || ord === null || ord === "fro" || ord === 2) return np("sqrt", [reduce("sum", np("square", [floats], "square"), "sum")], "norm");
  const magnitude = np("abs", [floats], "abs");
  if (ord === 1) return reduce("sum", magnitude, "norm");
  if (ord === Infinity || ord === -Infinity) return reduce(ord > 0 ? "max" : "min", magnitude, "norm");
  return np("pow", [reduce("sum", np("pow", [magnitude, { literal: ord }], "pow"), "sum"), { literal: 1 / ord }], "norm");
}

/** `ord` as written (call sites read it as a constant, `writtenConstant`): a number, "fro", null or none. */
function literalOrder(ord: Operand | undefined, node: ts.Node): number | "fro" | null | undefined {
  if (ord === undefined) return undefined;
  if (!isVar(ord) && (ord.literal === null || ord.literal === undefined || typeof ord.literal === "number" || ord.literal === "fro")) return ord.literal as number | "fro" | null | undefined;
  return refuse(
    DiagnosticCode.BadArguments,
    '`np.linalg.norm`\'s ord picks numpy\'s formula, so it is written as a literal (or a `const` of one) where norm is called: 2, 1, Infinity, -Infinity, another number, "fro" or null (for `vmap(np.linalg.norm)`, vmap a function instead: `vmap((x) => np.linalg.norm(x, 1, -1))`)',
    node,
  );
}
