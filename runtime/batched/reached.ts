import { pow } from "../elementwise/binary";
import * as np from "../np";
import { anyActive } from "./levels";
import { isWeak, weakNumbers } from "../elementwise/weak-typing";
import { chooseElements } from "../elementwise/where";
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
export function powReached(x: Operand, xBatched: boolean, y: Operand, yBatched: boolean, leading: number, active: readonly Tensor[]): Operand {
  if (active.length === 0 || typeof y === "boolean") return pow(x, y);
  const exampleRank = (t: Operand, batched: boolean) => (t instanceof Tensor ? t.ndim - (batched ? leading : 0) : 0);
  const rank = Math.max(exampleRank(x, xBatched), exampleRank(y, yBatched));
  const units = (count: number) => new Array<number>(count).fill(1);
  // Every operand with its batch axes first and `rank` example axes, so the masks align with the batch axes.
  const asBatch = (t: Operand, batched: boolean): Operand => {
    if (!(t instanceof Tensor)) return t;
    const example = t.shape.slice(batched ? leading : 0);
    const aligned = reshape(t, [...(batched ? t.shape.slice(0, leading) : units(leading)), ...units(rank - example.length), ...example]);
    return isWeak(t) ? weakNumbers(aligned) : aligned;
  };
  const reached = active.map((mask) => reshape(mask, [...mask.shape, ...units(rank)]));
  const lanes = reached.reduce((all, mask) => chooseElements(mask, all, false) as Tensor);
  const exponents = chooseElements(lanes, asBatch(y, yBatched), 1) as Tensor;
  // JS number exponents stay weakly typed, as each number alone meets `x`.
  return pow(asBatch(x, xBatched), typeof y === "number" || (y instanceof Tensor && isWeak(y)) ? weakNumbers(exponents) : exponents);
}

/**
 * `np[op](...args)` on unbatched values under batched conditions `masks`: it
 * computes the same for every example, so it throws for all that get there.
 * Where it throws and some mask sends no example there, none runs it alone,
 * and its value is `undefined` (only discarded sides read it).
 */
export function reachedOnly(masks: readonly (Tensor | boolean)[], op: string, ...args: unknown[]): unknown {
  // `linalg.solve` is np's namespace `linalg`'s `solve`.
  const computed = op.split(".").reduce<unknown>((namespace, name) => (namespace as Record<string, unknown>)[name], np) as (...operands: unknown[]) => unknown;
  try {
    return computed(...args);
  } catch (error) {
    if (masks.some((mask) => !anyActive(mask))) return undefined;
    throw error;
  }
}
