import { zeros } from "./create";
import { isTypedArray } from "./dtype";
import { VmapError } from "./errors";
import {
  type AxisSpec,
  type TreePath,
  describeValue,
  fitsStructure,
  flatten,
  flattenUpTo,
  formatPath,
  formatTreeDef,
  sameStructure,
  unflatten,
  valueAt,
} from "./pytree";
import { Tensor, formatShape } from "./tensor";
import { StackedLeaf, isResultLeaf, leafDtype, leafShape } from "./vmap-stack";

/**
 * The result side of the reference vmap: each example's result is a tree;
 * the leaves under an `outAxes` axis are stacked along it into Tensors, and a
 * subtree under `null` must be the same for every example and is returned as is.
 */

const resultPlace = (path: TreePath): string => formatPath("result", path);

/**
 * The batched result of `count` examples (at least one): `resultOf(i)` runs
 * example i, and its result is taken apart and stacked at once, so no
 * example's result is kept. Every example runs, as in a loop that keeps them
 * all and checks them after; an example that breaks a check is recorded, and
 * the error thrown at the end is the one that loop would throw first.
 */
export function stackResults(count: number, resultOf: (i: number) => unknown, outAxes: AxisSpec): unknown {
  const first = resultOf(0);
  const structure = flatten(first).def;
  const failure = new FirstFailure();
  const plan = planStacking(first, outAxes, count, failure);
  plan?.add(0, first, failure);
  for (let i = 1; i < count; i++) {
    const result = resultOf(i);
    if (!fitsStructure(result, structure)) {
      failure.note([0, i], () => new VmapError(
        `vmap: the function returned results of different structure: ${formatTreeDef(structure)} for example 0 ` +
          `but ${formatTreeDef(flatten(result).def)} for example ${i}`,
      ));
    } else plan?.add(i, result, failure);
  }
  failure.throwIfAny();
  return plan!.result();
}

/**
 * Which check fails first, in the order of a loop that checks every result's
 * structure, then out axis by out axis and leaf by leaf each leaf's kind, then
 * its shape, then the out axis: a failure's key is its place in that order.
 */
class FirstFailure {
  private key: readonly number[] | undefined;
  private error: (() => Error) | undefined;

  note(key: readonly number[], error: () => Error): void {
    if (this.key === undefined || comesBefore(key, this.key)) {
      this.key = key;
      this.error = error;
    }
  }

  throwIfAny(): void {
    if (this.error !== undefined) throw this.error();
  }
}

function comesBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] < b[k];
  return a.length < b.length;
}

/** How each example's result is taken apart: per out-axis leaf, the subtree it must equal or the leaves it stacks. */
interface Stacking {
  add(i: number, result: unknown, failure: FirstFailure): void;
  result(): unknown;
}

type Part =
  | { readonly path: TreePath; readonly axis: null; readonly value: unknown }
  | { readonly path: TreePath; readonly axis: number; readonly leaves: readonly LeafStack[] };

interface LeafStack {
  readonly path: TreePath;
  /** Undefined when example 0's leaf is not one that stacks. */
  readonly shape?: readonly number[];
  readonly along?: number;
  readonly stacked?: StackedLeaf;
}

/** The stacking example 0's result gives, or undefined (its failure noted) when outAxes does not fit it. */
function planStacking(first: unknown, outAxes: AxisSpec, count: number, failure: FirstFailure): Stacking | undefined {
  let top;
  try {
    top = flattenUpTo(outAxes, first, [], "outAxes", resultPlace);
  } catch (error) {
    failure.note([1], () => error as Error);
    return undefined;
  }
  const parts = top.leaves.map(({ path, value: { axis, subtree } }, k): Part => {
    if (axis === null) return { path, axis, value: subtree };
    const leaves = flatten(subtree, path).leaves.map(({ path: leafPath, value }, j): LeafStack => {
      if (!isResultLeaf(value)) return { path: leafPath };
      const shape = leafShape(value);
      try {
        return { path: leafPath, shape, along: outAxis(axis, shape, leafPath), stacked: new StackedLeaf(count, shape) };
      } catch (error) {
        failure.note([2, k, j, 2], () => error as Error);
        return { path: leafPath, shape };
      }
    });
    return { path, axis, leaves };
  });
  return {
    add(i, result, failure) {
      parts.forEach((part, k) => {
        if (part.axis === null) {
          const subtree = valueAt(result, part.path);
          if (!sameValue(part.value, subtree)) {
            failure.note([2, k, 0, 0, i], () => new VmapError(
              `vmap: outAxes is null for ${resultPlace(part.path)}, so it must be the same for every example, but example 0 ` +
                `gave ${describeValue(part.value)} and example ${i} gave ${describeValue(subtree)}; give it an axis to stack it`,
            ));
          }
          return;
        }
        part.leaves.forEach((leaf, j) => {
          const value = valueAt(result, leaf.path);
          if (!isResultLeaf(value)) failure.note([2, k, j, 0, i], () => notAResultLeaf(value, leaf.path));
          else if (leaf.shape !== undefined && !sameShape(leafShape(value), leaf.shape)) {
            failure.note([2, k, j, 1, i], () => new VmapError(
              `vmap: ${resultPlace(leaf.path)} has shape ${formatShape(leaf.shape!)} for example 0 but ` +
                `${formatShape(leafShape(value))} for example ${i}; a result must have the same shape for every example`,
            ));
          } else leaf.stacked?.write(i, value);
        });
      });
    },
    result: () =>
      unflatten(
        top.def,
        parts.map((part) =>
          part.axis === null
            ? part.value
            : unflatten(flatten(valueAt(first, part.path)).def, part.leaves.map((leaf) => leaf.stacked!.tensor(leaf.along!))),
        ),
      ),
  };
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
          const example = leaf.value;
          if (!isResultLeaf(example)) throw notAResultLeaf(example, leaf.path);
          const shape = leafShape(example);
          const at = outAxis(axis, shape, leaf.path);
          return zeros([...shape.slice(0, at), 0, ...shape.slice(at)], leafDtype(example));
        }),
      );
    }),
  );
}

function notAResultLeaf(value: unknown, path: TreePath): VmapError {
  return new VmapError(
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
