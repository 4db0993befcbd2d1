import { floatOf } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { type Axes, type Reduction, planReduction } from "./reduce";
import { transpose } from "./shape";
import { Tensor, shapeSize } from "./tensor";

/**
 * numpy's `median` over `axis` (every element without one): the middle of the
 * sorted elements, or the mean of the two middle ones; NaN where any is NaN,
 * and for nothing. Ints and bools give float64, float32 stays float32.
 */
export const median: Reduction = ((x: Operand, axis?: Axes | null, keepdims = false): Tensor | number => {
  const t = asTensor("median", x);
  const plan = planReduction("median", t, axis, keepdims);
  const kept = t.shape.flatMap((_, a) => (plan.reduced.has(a) ? [] : [a]));
  // Each output's elements, consecutive: the reduced axes moved last.
  const rows = transpose(t, [...kept, ...plan.reduced]).data;
  const n = plan.count;
  const dtype = floatOf(t.dtype);
  // numpy takes the mean of the middle element or two: a sum from 0 (so -0 becomes 0), in float32 for float32 data.
  const midpoint = dtype === "float32" ? (a: number, b: number) => Math.fround(0 + a + b) / 2 : (a: number, b: number) => (0 + a + b) / 2;
  const out = new Float64Array(n === 0 ? shapeSize(plan.shape) : rows.length / n);
  const row = new Float64Array(n);
  for (let o = 0; o < out.length; o++) {
    for (let k = 0; k < n; k++) row[k] = rows[o * n + k];
    // A typed array sorts numbers ascending, NaN last.
    row.sort();
    out[o] = n === 0 || Number.isNaN(row[n - 1]) ? NaN : n % 2 === 1 ? 0 + row[(n - 1) / 2] : midpoint(row[n / 2 - 1], row[n / 2]);
  }
  const data = dtype === "float32" ? Float32Array.from(out) : out;
  return plan.returnsNumber ? data[0] : new Tensor(data, plan.shape, dtype);
}) as Reduction;
