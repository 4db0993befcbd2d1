import { pow } from "../elementwise/binary";
import { where } from "../elementwise/where";
import type { Operand } from "../operand";
import { reshape } from "../shape";
import { Tensor } from "../tensor";

/**
 * Ops under batched conditions, for the examples that reach them. Both sides
 * of a batched branch run for every example, and an example that takes the
 * other side must not make an op throw that it never runs alone.
 */

/**
 * `pow(x, y)` where only the examples `active` marks reach it: an integer
 * raised to a negative integer power throws, so an exponent of an example
 * that does not reach the op is read as 1 (its result is discarded).
 */
export function powReached(x: Operand, y: Operand, yBatched: boolean, leading: number, active: readonly Tensor[]): Operand {
  if (!(y instanceof Tensor) || active.length === 0) return pow(x, y);
  const exampleRank = y.ndim - (yBatched ? leading : 0);
  const reached = active.map((mask) => reshape(mask, [...mask.shape, ...new Array<number>(Math.max(0, exampleRank)).fill(1)]));
  const lanes = reached.reduce((all, mask) => where(mask, all, false) as Tensor);
  return pow(x, where(lanes, y, 1));
}
