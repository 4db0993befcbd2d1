import { div, pow } from "./elementwise/binary";
import { abs, sqrt, square } from "./elementwise/unary";
import { type Operand, asTensor } from "./operand";
import { type Axes, max, min, sum } from "./reduce";
import { type Tensor, formatShape } from "./tensor";

/** numpy's `ord` of a norm: a number p, `"fro"`, or none (`null`, `undefined`): the 2-norm, Frobenius for two axes. */
export type NormOrder = number | "fro" | null | undefined;

/** With no axis and no keepdims a norm is a number; otherwise a Tensor. */
export interface Norm {
  (x: Operand, ord?: NormOrder, axis?: null, keepdims?: false): number;
  (x: Operand, ord: NormOrder, axis: Axes | null | undefined, keepdims: true): Tensor;
  (x: Operand, ord: NormOrder, axis: Axes, keepdims?: boolean): Tensor;
  (x: Operand, ord?: NormOrder, axis?: Axes | null, keepdims?: boolean): Tensor | number;
}

/**
 * numpy's `linalg.norm` of vectors, and the Frobenius norm, written in the
 * ops numpy computes them with (the transformer writes compiled code the same
 * way, so the two agree to the last bit). Ints and bools are float64 first,
 * as numpy's `x.astype(float)`. With no `ord`: sqrt(sum(x²)) over `axis`, or
 * over every element without one. A number `ord` is a vector norm along one
 * axis (or of a 1-D `x`): 2 as above, 1 sum(|x|), ±Infinity max and min of |x|,
 * any other p sum(|x|^p)^(1/p). `"fro"` takes two axes (or a 2-D `x`).
 * numpy's matrix norms (a number `ord` over two axes) and its count of
 * nonzeros (`ord` 0) are RangeErrors.
 */
export const norm: Norm = ((x: Operand, ord?: NormOrder, axis?: Axes | null, keepdims = false): Tensor | number => {
  const t = asTensor("linalg.norm", x);
  const axes = axis === null || axis === undefined ? undefined : typeof axis === "number" ? [axis] : axis;
  const reduced = axes === undefined ? t.ndim : axes.length;
  if (axes !== undefined && axes.length !== 1 && axes.length !== 2) {
    throw new RangeError(`linalg.norm: ${axes.length} axes given for a tensor of shape ${formatShape(t.shape)}; a norm is over one axis or two`);
  }
  if (ord !== null && ord !== undefined && ord !== "fro" && typeof ord !== "number") throw new TypeError(`linalg.norm: ord must be a number, "fro" or null, got ${String(ord)}`);
  if (ord === "fro" ? reduced !== 2 : typeof ord === "number" && reduced !== 1) {
    throw new RangeError(
      `linalg.norm: ord ${typeof ord === "string" ? `"${ord}"` : String(ord)} over ${reduced} ${reduced === 1 ? "axis" : "axes"} of shape ${formatShape(t.shape)}: ` +
        (ord === "fro" ? "the Frobenius norm takes two axes" : "a number ord is a vector norm along one axis; numpy's matrix norms are not computed"),
    );
  }
  if (ord === 0) throw new RangeError("linalg.norm: ord 0 counts nonzeros rather than measuring; write np.sum(np.notEqual(x, 0), axis)");
  const floats = div(t, 1);
  const over = (reduce: typeof sum, values: Tensor) => reduce(values, axis ?? null, keepdims);
  if (ord === null || ord === undefined || ord === "fro" || ord === 2) return sqrt(over(sum, square(floats)));
  if (ord === 1) return over(sum, abs(floats));
  if (ord === Infinity) return over(max, abs(floats));
  if (ord === -Infinity) return over(min, abs(floats));
  return pow(over(sum, pow(abs(floats), ord)), 1 / ord);
}) as Norm;
