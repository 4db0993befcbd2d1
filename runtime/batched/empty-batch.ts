import { zeros } from "../create";
import { type AxisSpec, flatten, flattenUpTo, formatPath, unflatten } from "../pytree";
import { Tensor } from "../tensor";
import { batchArguments } from "../vmap-arguments";

/**
 * An empty batch, as the reference makes it: the reference learns an empty
 * batch's result shapes and dtypes from the function on one zero-filled
 * example, and a dtype may depend on values (a `?:` on a batched condition
 * between a float32 and a float64 side). So compiled code runs itself on that
 * same example, a batch of one, and empties each mapped result along its axis.
 */
export function viaZeroExample(batched: (...args: unknown[]) => unknown, args: ArrayLike<unknown>, inAxes: AxisSpec, outAxes: AxisSpec): unknown {
  const result = batched(...batchArguments(Array.from(args), inAxes, []).zeroBatch());
  const top = flattenUpTo(outAxes, result, [], "outAxes", (path) => formatPath("result", path));
  return unflatten(
    top.def,
    top.leaves.map(({ path, value: { axis, subtree } }) => {
      if (axis === null) return subtree;
      const { def, leaves } = flatten(subtree, path);
      return unflatten(def, leaves.map((leaf) => emptied(leaf.value as Tensor, axis)));
    }),
  );
}

/** A batch of one along `axis`, as a batch of none. */
function emptied(batch: Tensor, axis: number): Tensor {
  const at = axis < 0 ? axis + batch.ndim : axis;
  return zeros(batch.shape.map((extent, position) => (position === at ? 0 : extent)), batch.dtype);
}
