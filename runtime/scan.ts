import { normalizeAxis } from "./axes";
import { type DType, allocate } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { Tensor } from "./tensor";

type Step = (total: number, element: number) => number;

/** How each dtype combines a running value with the next element, stored as the dtype stores it (float32 rounds, int32 wraps). */
interface Running {
  readonly identity: number;
  readonly steps: Readonly<Record<"float64" | "float32" | "int32", Step>>;
}

// -0 is the identity that keeps a first -0 (0 + -0 is 0).
const sums: Running = { identity: -0, steps: { float64: (a, b) => a + b, float32: (a, b) => Math.fround(a + b), int32: (a, b) => (a + b) | 0 } };
const products: Running = { identity: 1, steps: { float64: (a, b) => a * b, float32: (a, b) => Math.fround(a * b), int32: Math.imul } };

/**
 * Running sums along `axis`, numpy's `cumsum` (no axis: of the flattened
 * array, a 1-D result). Each partial sum is stored as the result's dtype
 * stores it, as numpy's loop does: float32 rounds at every step, int32 wraps
 * (as JAX's int32); bool counts as int32.
 */
export function cumsum(x: Operand, axis?: number | null): Tensor {
  return scan("cumsum", sums, x, axis);
}

/** Running products along `axis`, numpy's `cumprod`, stored as `cumsum` stores its sums. */
export function cumprod(x: Operand, axis?: number | null): Tensor {
  return scan("cumprod", products, x, axis);
}

function scan(name: string, running: Running, x: Operand, axis: number | null | undefined): Tensor {
  const given = asTensor(name, x);
  const flat = axis === undefined || axis === null;
  const shape = flat ? [given.size] : given.shape;
  const along = flat ? 0 : normalizeAxis(name, axis, given.shape);
  const dtype: Exclude<DType, "bool"> = given.dtype === "bool" ? "int32" : given.dtype;
  const step = running.steps[dtype];
  const source = given.data;
  const out = allocate(dtype, given.size);
  const length = shape[along];
  const inner = shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
  const outer = shape.slice(0, along).reduce((product, extent) => product * extent, 1);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let total = running.identity;
      for (let k = 0, at = o * length * inner + j; k < length; k++, at += inner) {
        total = step(total, source[at]);
        out[at] = total;
      }
    }
  }
  return new Tensor(out, shape, dtype);
}
