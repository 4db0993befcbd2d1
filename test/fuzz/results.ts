import type { AxisSpec, Expr, Typed } from "./ast";
import { rankOf } from "./coerce";
import { writtenAxis } from "./shapes";

/*
 * The per-example function's result and its `outAxes`: one leaf, or an
 * array, object or nested object of leaves; one out axis per leaf, a single
 * out axis for the whole structure (valid for each leaf's rank), or `null`
 * for a leaf that does not depend on a mapped argument (returned unbatched).
 */

export interface Result {
  readonly value: Expr;
  readonly outAxes: AxisSpec;
  /** True when `outAxes` is 0 for every leaf, so that it may be left out. */
  readonly allZero: boolean;
}

function outAxisFor(leaf: Typed, planned: number): number {
  const rank = rankOf(leaf) + 1;
  return writtenAxis(planned % rank, rank, planned >= 4);
}

/** The result of `leaves` in the form `structure` picks, with out axes from `planned` (one per leaf). */
export function buildResult(leaves: readonly Typed[], structure: number, planned: readonly number[]): Result {
  const axes = leaves.map((leaf, i) => outAxisFor(leaf, planned[i]));
  const values = leaves.map((leaf) => leaf.expr);
  const keys = leaves.map((_, i) => `r${i}`);
  const allZero = axes.every((axis) => axis === 0);
  if (leaves.length === 1) return { value: values[0], outAxes: axes[0], allZero };
  switch (structure % 6) {
    case 0:
    case 1:
      return { value: { kind: "array", items: values }, outAxes: axes, allZero };
    case 2:
      return { value: { kind: "object", keys, values }, outAxes: Object.fromEntries(keys.map((key, i) => [key, axes[i]])), allZero };
    case 3: {
      // `{ r0: [leaf0], r1: leaf1 }`, its spec written in full or with one axis for the inner array.
      const value: Expr = { kind: "object", keys, values: [{ kind: "array", items: [values[0]] }, values[1]] };
      const first = Math.floor(structure / 6) % 2 === 0 ? [axes[0]] : axes[0];
      return { value, outAxes: { r0: first, r1: axes[1] }, allZero };
    }
    case 4: {
      // One out axis for every leaf: a non-negative one up to the smallest stacked rank, or -1.
      const lowest = Math.min(...leaves.map(rankOf));
      const shared = Math.floor(structure / 6) % 2 === 0 ? planned[0] % (lowest + 1) : -1;
      return { value: { kind: "array", items: values }, outAxes: shared, allZero: shared === 0 };
    }
    default: {
      const mixed = axes.map((axis, i) => (leaves[i].batched ? axis : null));
      return { value: { kind: "array", items: values }, outAxes: mixed, allZero: mixed.every((axis) => axis === 0) };
    }
  }
}
