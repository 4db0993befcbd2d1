import { normalizeAxis } from "./axes";
import { allocate } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { Tensor } from "./tensor";

/**
 * Running sums along `axis`, numpy's `cumsum` (no axis: of the flattened
 * array, a 1-D result). Each partial sum is stored as the result's dtype
 * stores it, as numpy's loop does: float32 rounds at every step, int32 wraps
 * (as JAX's int32); bool counts as int32.
 */
export function cumsum(x: Operand, axis?: number | null): Tensor {
  const given = asTensor("cumsum", x);
  const flat = axis === undefined || axis === null;
  const shape = flat ? [given.size] : given.shape;
  const along = flat ? 0 : normalizeAxis("cumsum", axis, given.shape);
  const dtype = given.dtype === "bool" ? "int32" : given.dtype;
  const source = given.data;
  const out = allocate(dtype, given.size);
  const length = shape[along];
  const inner = shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
  const outer = shape.slice(0, along).reduce((product, extent) => product * extent, 1);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      // -0 is the identity that keeps a first -0 (0 + -0 is 0).
      let total = -0;
      for (let k = 0, at = o * length * inner + j; k < length; k++, at += inner) {
        total = dtype === "float32" ? Math.fround(total + source[at]) : dtype === "int32" ? (total + source[at]) | 0 : total + source[at];
        out[at] = total;
      }
    }
  }
  return new Tensor(out, shape, dtype);
}
