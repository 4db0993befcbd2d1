import { array, zeros } from "./create";
import { isTypedArray } from "./dtype";
import { VmapError } from "./errors";
import {
  type AxisSpec,
  type Flattened,
  type TreePath,
  describeValue,
  flatten,
  flattenUpTo,
  formatPath,
  formatTreeDef,
  sameStructure,
  unflatten,
} from "./pytree";
import { stack } from "./shape";
import { Tensor, formatShape } from "./tensor";

/**
 * The result side of the reference vmap: each example's result is a tree;
 * the leaves under an `outAxes` axis are stacked along it into Tensors, and a
 * subtree under `null` must be the same for every example and is returned as is.
 */

const resultPlace = (path: TreePath): string => formatPath("result", path);

/** The batched result of the per-example `results` (at least one). */
export function stackResults(results: readonly unknown[], outAxes: AxisSpec): unknown {
  checkSameStructure(results);
  const perExample = results.map((result) => flattenUpTo(outAxes, result, [], "outAxes", resultPlace));
  const [first] = perExample;
  return unflatten(
    first.def,
    first.leaves.map(({ path, value: { axis } }, k) => {
      const subtrees = perExample.map((example) => example.leaves[k].value.subtree);
      return axis === null ? unmappedSubtree(subtrees, path) : stackSubtrees(subtrees, axis, path);
    }),
  );
}

/**
 * The result of an empty batch, from the result of one zero-filled example
 * (`probe`): only its structure, shapes and dtypes are used; each mapped leaf
 * becomes an empty Tensor with a 0-sized axis at its out axis.
 */
export function emptyResults(probe: unknown, outAxes: AxisSpec): unknown {
  const top = flattenUpTo(outAxes, probe, [], "outAxes", resultPlace);
  return unflatten(
    top.def,
    top.leaves.map(({ path, value: { axis, subtree } }) => {
      if (axis === null) return subtree;
      const { def, leaves } = flatten(subtree, path);
      return unflatten(
        def,
        leaves.map((leaf) => {
          const example = resultTensor(leaf.value, leaf.path);
          const at = outAxis(axis, example.shape, leaf.path);
          return zeros([...example.shape.slice(0, at), 0, ...example.shape.slice(at)], example.dtype);
        }),
      );
    }),
  );
}

function checkSameStructure(results: readonly unknown[]): void {
  const [first, ...rest] = results.map((result) => flatten(result).def);
  rest.forEach((def, i) => {
    if (!sameStructure(first, def)) {
      throw new VmapError(
        `vmap: the function returned results of different structure: ${formatTreeDef(first)} for example 0 ` +
          `but ${formatTreeDef(def)} for example ${i + 1}`,
      );
    }
  });
}

/** Stacks leaf by leaf the subtrees (one per example, all of one structure) along out axis `axis`. */
function stackSubtrees(subtrees: readonly unknown[], axis: number, root: TreePath): unknown {
  const flattened: Flattened<unknown>[] = subtrees.map((subtree) => flatten(subtree, root));
  const { def, leaves } = flattened[0];
  return unflatten(
    def,
    leaves.map(({ path }, j) => {
      const tensors = flattened.map((example) => resultTensor(example.leaves[j].value, path));
      tensors.forEach((tensor, i) => {
        if (!sameShape(tensor.shape, tensors[0].shape)) {
          throw new VmapError(
            `vmap: ${resultPlace(path)} has shape ${formatShape(tensors[0].shape)} for example 0 but ` +
              `${formatShape(tensor.shape)} for example ${i}; a result must have the same shape for every example`,
          );
        }
      });
      return stack(tensors, outAxis(axis, tensors[0].shape, path));
    }),
  );
}

/** A result leaf as a Tensor: a number is float64, a boolean bool, a typed array 1-D of its class's dtype. */
function resultTensor(value: unknown, path: TreePath): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number") return new Tensor(Float64Array.of(value), [], "float64");
  if (typeof value === "boolean") return new Tensor(Uint8Array.of(value ? 1 : 0), [], "bool");
  if (isTypedArray(value)) return array(value);
  throw new VmapError(
    `vmap: ${resultPlace(path)} is ${describeValue(value)}; a result mapped by outAxes may hold only numbers, ` +
      `booleans, Tensors and typed arrays (Float64Array, Float32Array, Int32Array, Uint8Array), in objects and arrays; ` +
      `give it outAxes null to return it unbatched`,
  );
}

/** `axis` as an index into the stacked result, whose rank is one more than the example's. */
function outAxis(axis: number, exampleShape: readonly number[], path: TreePath): number {
  const rank = exampleShape.length + 1;
  if (axis < -rank || axis >= rank) {
    throw new VmapError(
      `vmap: outAxes gives axis ${axis} for ${resultPlace(path)} of per-example shape ${formatShape(exampleShape)}, ` +
        `which is out of range for the stacked rank ${rank} (valid axes are ${-rank} to ${rank - 1})`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** The subtree under a `null` out axis, which must not vary between examples. */
function unmappedSubtree(subtrees: readonly unknown[], path: TreePath): unknown {
  const [first] = subtrees;
  subtrees.forEach((subtree, i) => {
    if (!sameValue(first, subtree)) {
      throw new VmapError(
        `vmap: outAxes is null for ${resultPlace(path)}, so it must be the same for every example, but example 0 ` +
          `gave ${describeValue(first)} and example ${i} gave ${describeValue(subtree)}; give it an axis to stack it`,
      );
    }
  });
  return first;
}

function sameValue(a: unknown, b: unknown): boolean {
  const left = flatten(a);
  const right = flatten(b);
  return (
    sameStructure(left.def, right.def) && left.leaves.every((leaf, k) => sameLeaf(leaf.value, right.leaves[k].value))
  );
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a instanceof Tensor && b instanceof Tensor) {
    return a.dtype === b.dtype && sameShape(a.shape, b.shape) && sameElements(a.data, b.data);
  }
  if (isTypedArray(a) && isTypedArray(b)) return a.constructor === b.constructor && sameElements(a, b);
  return sameNumber(a, b);
}

function sameElements(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameNumber(a[i], b[i])) return false;
  return true;
}

/** `===`, except that NaN equals NaN: an example computing NaN twice agrees with itself. */
function sameNumber(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, i) => extent === b[i]);
}
