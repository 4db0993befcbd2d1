import { sub, mul, div } from "./elementwise/binary";
import { sqrt } from "./elementwise/unary";
import { type Operand, asTensor, quoteValue } from "./operand";
import { type Axes, mean, planReduction, sum } from "./reduce";
import { Tensor } from "./tensor";

/** `var` and `std` with numpy's `ddof`: the mean square deviation divides by `n - ddof` (0 when that is negative). */
export interface MomentReduction {
  (x: Operand, axis?: null, keepdims?: false, ddof?: number): number;
  (x: Operand, axis: Axes | null | undefined, keepdims: true, ddof?: number): Tensor;
  (x: Operand, axis: Axes, keepdims?: boolean, ddof?: number): Tensor;
  (x: Operand, axis?: Axes | null, keepdims?: boolean, ddof?: number): Tensor | number;
}

/**
 * The variance over the axes, as numpy computes it: the mean first, then the
 * squared deviations from it summed and divided by `n - ddof`. int32 and bool
 * data give float64; float32 stays float32 (each step rounds as its op stores).
 * The variance of nothing is NaN.
 */
export const variance: MomentReduction = ((x: Operand, axis?: Axes | null, keepdims = false, ddof = 0): Tensor | number => momentOf("var", x, axis, keepdims, ddof)) as MomentReduction;

/** The standard deviation: the square root of `variance`. */
export const std: MomentReduction = ((x: Operand, axis?: Axes | null, keepdims = false, ddof = 0): Tensor | number => {
  const spread = momentOf("std", x, axis, keepdims, ddof);
  if (typeof spread !== "number") return sqrt(spread);
  return x instanceof Tensor && x.dtype === "float32" ? Math.fround(Math.sqrt(spread)) : Math.sqrt(spread);
}) as MomentReduction;

function momentOf(name: string, x: Operand, axis: Axes | null | undefined, keepdims: boolean, ddof: number): Tensor | number {
  const given = asTensor(name, x);
  const plan = planReduction(name, given, axis, keepdims);
  if (typeof ddof !== "number" || !Number.isFinite(ddof)) throw new TypeError(`${name}: ddof must be a finite number, got ${quoteValue(ddof)}`);
  const data = given.dtype === "float32" || given.dtype === "float64" ? given : new Tensor(Float64Array.from(given.data), given.shape, "float64");
  const deviations = sub(data, mean(data, axis, true));
  const squares = sum(mul(deviations, deviations), axis, keepdims);
  const divisor = Math.max(plan.count - ddof, 0);
  if (typeof squares !== "number") return div(squares, divisor);
  return data.dtype === "float32" ? Math.fround(squares / divisor) : squares / divisor;
}
