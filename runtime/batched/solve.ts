import type { Operand } from "../operand";
import { reshape, squeeze } from "../shape";
import { solve } from "../solve";
import { Tensor } from "../tensor";

/**
 * `linalg.solve(a, b)` over a batch: one numpy solve of the stacks, the batch
 * axes (`leading` of them, on each batched operand) first. numpy aligns the
 * two stacks from the right and takes a `b` of more than one axis as
 * matrices, so a batched operand gets unit axes after its batch axes up to
 * the other's per-example stack, and a batched vector `b` is solved as a
 * stack of one-column matrices, then made vectors again.
 */
export function batchedSolve(a: Operand, aBatched: boolean, b: Operand, bBatched: boolean, leading: number): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) return solve(a, b);
  const exampleRank = (t: Tensor, batched: boolean) => t.ndim - (batched ? leading : 0);
  const [aRank, bRank] = [exampleRank(a, aBatched), exampleRank(b, bBatched)];
  if (bRank === 1 && !bBatched) return solve(a, b);
  const columns = bRank === 1;
  const stack = columns ? aRank - 2 : Math.max(aRank - 2, bRank - 2);
  // A batched operand's own stack is padded to `stack` axes, so that numpy's alignment meets batch axis with batch axis.
  const aligned = (t: Tensor, batched: boolean, rank: number, tail: readonly number[]): Tensor => {
    if (!batched) return t;
    const units = new Array<number>(Math.max(0, stack - (rank - tail.length))).fill(1);
    return reshape(t, [...t.shape.slice(0, leading), ...units, ...t.shape.slice(leading, t.ndim - tail.length), ...tail]);
  };
  const left = aligned(a, aBatched, aRank, a.shape.slice(-2));
  const right = columns ? aligned(b, true, 1, [b.shape[b.ndim - 1]]) : aligned(b, bBatched, bRank, b.shape.slice(-2));
  if (!columns) return solve(left, right);
  return squeeze(solve(left, reshape(right, [...right.shape, 1])), -1);
}
