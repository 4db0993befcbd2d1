import { mul, sub } from "./elementwise/binary";
import { type Operand, asTensor } from "./operand";
import { stack, take } from "./shape";
import { type Tensor, formatShape } from "./tensor";

/**
 * numpy's `cross` of 3-vectors along the last axis of each operand, the other
 * axes broadcast: (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀), each product and
 * difference in the operands' dtype as numpy computes it (int32 wraps,
 * float32 rounds each step). numpy's 2-vectors (deprecated there) are a RangeError.
 */
export function cross(a: Operand, b: Operand): Tensor {
  const x = asTensor("cross", a);
  const y = asTensor("cross", b);
  if (x.shape[x.ndim - 1] !== 3 || y.shape[y.ndim - 1] !== 3) {
    throw new RangeError(`cross: expected vectors of 3 components along the last axis, got shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
  }
  const [x0, x1, x2] = [0, 1, 2].map((i) => take(x, i, -1));
  const [y0, y1, y2] = [0, 1, 2].map((i) => take(y, i, -1));
  return stack([sub(mul(x1, y2), mul(x2, y1)), sub(mul(x2, y0), mul(x0, y2)), sub(mul(x0, y1), mul(x1, y0))], -1);
}
