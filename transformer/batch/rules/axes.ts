import { isVar } from "../../ir";
import { type Code, helper, value } from "../code";
import type { RuleCall } from "../rule";

/**
 * Operand `index` as an axis (or axes) of the batched value `of`: per-example
 * axes shift past the `k` batch axes. A non-negative literal shifts at compile
 * time; anything else is checked against the per-example rank at run time, so
 * a negative axis is never taken against the batched rank.
 * `extra` is 1 where the axis counts against the result rank (`expandDims`, `stack`).
 */
export function exampleAxis(call: RuleCall, index: number, of: Code, extra = 0): Code {
  call.requireUnbatched(index, "axis");
  const operand = call.operands[index];
  if (!isVar(operand) && typeof operand.literal === "number" && operand.literal >= 0) return value(operand.literal + call.k);
  const listed = call.elementsOf(operand)?.map((element) => ("value" in element.code ? element.code.value : undefined));
  if (listed?.every((axis): axis is number => typeof axis === "number" && axis >= 0)) {
    return { array: listed.map((axis) => value(axis + call.k)) };
  }
  return helper(extra ? "exampleAxisOfResult" : "exampleAxis", of, value(call.k), call.codes[index]);
}

/** Every per-example axis of `of`: what a reduction with no axis reduces. */
export function allExampleAxes(call: RuleCall, index: number, of: Code): Code {
  const rank = call.rank(index);
  if (rank !== undefined) return { array: Array.from({ length: rank }, (_, axis) => value(axis + call.k)) };
  return helper("exampleAxes", of, value(call.k));
}
