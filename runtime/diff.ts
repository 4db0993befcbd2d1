import { normalizeAxis } from "./axes";
import { notEqual, sub } from "./elementwise/binary";
import { type Operand, asTensor, quoteValue } from "./operand";
import { slice } from "./shape";
import type { Tensor } from "./tensor";

/**
 * numpy's `diff`: the `n`-th differences along `axis` (the last by default),
 * each element less its predecessor, `n` times; the axis shrinks by `n` (to
 * no less than 0). Differences keep the dtype as `sub` does (int32 wraps);
 * between bools they are `!==`, as numpy's are.
 */
export function diff(x: Operand, n = 1, axis = -1): Tensor {
  let t = asTensor("diff", x);
  if (t.ndim === 0) throw new RangeError("diff: needs a Tensor of rank 1 or more, got shape ()");
  if (!Number.isInteger(n)) throw new TypeError(`diff: n must be an integer, got ${quoteValue(n)}`);
  if (n < 0) throw new RangeError(`diff: n must be non-negative, got ${n}`);
  const along = normalizeAxis("diff", axis, t.shape);
  for (let order = 0; order < n && t.shape[along] > 0; order++) {
    const extent = t.shape[along];
    const later = slice(t, 1, extent, along);
    const earlier = slice(t, 0, extent - 1, along);
    t = t.dtype === "bool" ? notEqual(later, earlier) : sub(later, earlier);
  }
  return t;
}
