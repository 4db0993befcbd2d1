import type * as ts from "typescript";
import type { Operand } from "../ir";
import { type PrimName, primInfo } from "../prims";
import type { LowerContext } from "./context";
import { emitPrim } from "./expression";
import { lowerNorm } from "./norm";

/**
 * `np` ops that numpy defines in terms of others: lowered into those ops, not a primitive of their own.
 * `writtenOperands` are the positions of arguments that choose the formula: read as written constants (`Infinity`,
 * `-1`, a `const` of one) where the op is called, as a primitive's `writtenOperands` are.
 */
const compositeOps = {
  "linalg.norm": { lower: lowerNorm, writtenOperands: [1] },
} satisfies Record<string, { lower: (cx: LowerContext, args: readonly Operand[], node: ts.Node) => Operand; writtenOperands: readonly number[] }>;

export type CompositeOp = keyof typeof compositeOps;

export function isCompositeOp(op: string): op is CompositeOp {
  return Object.hasOwn(compositeOps, op);
}

/** Whether argument `index` of `op` is read as a written constant where `op` is called (a composite's formula, einsum's subscripts). */
export function isConstantArgument(op: PrimName | CompositeOp, index: number): boolean {
  if (isCompositeOp(op)) return compositeOps[op].writtenOperands.includes(index);
  return primInfo(op).writtenOperands?.includes(index) ?? false;
}

/** The `np` op `op` on `args`: its primitive, or the ops a composite is written in. */
export function applyNpOp(cx: LowerContext, op: PrimName | CompositeOp, args: readonly Operand[], node: ts.Node, hint: string = op): Operand {
  return isCompositeOp(op) ? compositeOps[op].lower(cx, args, node) : emitPrim(cx, op, args, { form: "np" }, node, hint);
}
