import { equal, greater, notEqual } from "./elementwise/binary";
import { type Operand, asTensor } from "./operand";
import { type Axes, planReduction, sum } from "./reduce";
import type { Tensor } from "./tensor";

/** With no axis and no keepdims `any` and `all` give a boolean; otherwise a bool Tensor. */
export interface TruthReduction {
  (x: Operand, axis?: null, keepdims?: false): boolean;
  (x: Operand, axis: Axes | null | undefined, keepdims: true): Tensor;
  (x: Operand, axis: Axes, keepdims?: boolean): Tensor;
  (x: Operand, axis?: Axes | null, keepdims?: boolean): Tensor | boolean;
}

/** Whether any element over the axes is truthy (nonzero: NaN is true, as in numpy); `any` of nothing is false. */
export const any: TruthReduction = ((x: Operand, axis?: Axes | null, keepdims = false): Tensor | boolean => {
  const truthy = truthCount("any", x, axis, keepdims, true);
  return typeof truthy === "number" ? truthy > 0 : greater(truthy, 0);
}) as TruthReduction;

/** Whether every element over the axes is truthy; `all` of nothing is true. */
export const all: TruthReduction = ((x: Operand, axis?: Axes | null, keepdims = false): Tensor | boolean => {
  const falsy = truthCount("all", x, axis, keepdims, false);
  return typeof falsy === "number" ? falsy === 0 : equal(falsy, 0);
}) as TruthReduction;

/** How many elements over the axes are truthy (or falsy), counted in int32. */
function truthCount(name: string, x: Operand, axis: Axes | null | undefined, keepdims: boolean, truthy: boolean): Tensor | number {
  const given = asTensor(name, x);
  planReduction(name, given, axis, keepdims);
  return sum(truthy ? notEqual(given, 0) : equal(given, 0), axis, keepdims);
}
