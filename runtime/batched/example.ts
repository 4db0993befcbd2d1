import { normalizeAxis, normalizeIndex } from "../axes";
import { allocate } from "../dtype";
import { broadcastTo, reshape, take } from "../shape";
import { Tensor, formatShape, shapeSize, stridesOf } from "../tensor";
import { keepExampleDtypes } from "./example-dtypes";
import { describeExample, toTensor, withUnitAxes } from "./tensors";

/**
 * What one example of a batched value is: every axis after the `leading`
 * batch axes. Emitted code asks these helpers where only run time knows the
 * per-example rank, rather than guess it.
 */

export function exampleRank(x: Tensor | number | boolean | undefined, leading: number): number {
  // What only an op no example reached would have computed (`reachedOnly` left it undefined) has no rank; nothing taken reads it.
  if (x === undefined) return 0;
  return toTensor(x).ndim - leading;
}

export function exampleShape(x: Tensor, leading: number): number[] {
  return x.shape.slice(leading);
}

export function exampleSize(x: Tensor, leading: number): number {
  return shapeSize(x.shape.slice(leading));
}

/** A per-example axis (or axes) of `x`, checked against the per-example rank, as an axis of the batch. */
export function exampleAxis(x: Tensor, leading: number, axis: number | readonly number[]): number | number[] {
  return shiftAxes("axis", x, leading, axis, x.ndim - leading);
}

/** As `exampleAxis`, for an axis counted against a result one rank higher (`expandDims`, `stack`). */
export function exampleAxisOfResult(x: Tensor, leading: number, axis: number | readonly number[]): number | number[] {
  const added = typeof axis === "number" ? 1 : axis.length;
  return shiftAxes("axis", x, leading, axis, x.ndim - leading + added);
}

function shiftAxes(op: string, x: Tensor, leading: number, axis: number | readonly number[], rank: number): number | number[] {
  const shape = x.shape.slice(leading);
  const shift = (one: number) => leading + normalizeAxis(op, one, shape, rank);
  return typeof axis === "number" ? shift(axis) : axis.map(shift);
}

/** Every per-example axis: what a reduction with no axis reduces under vmap. */
export function exampleAxes(x: Tensor, leading: number): number[] {
  return Array.from({ length: x.ndim - leading }, (_, axis) => leading + axis);
}

/** Unit axes inserted after the batch axes until an example has at least `rank` axes, so broadcasting aligns per-example axes. */
export function lift(x: Tensor | number | boolean, leading: number, rank: number): Tensor;
export function lift(x: Tensor | number | boolean | undefined, leading: number, rank: number): Tensor | undefined;
export function lift(x: Tensor | number | boolean | undefined, leading: number, rank: number): Tensor | undefined {
  // A side of a branch that only an op no example reached computed (`reachedOnly` left it undefined): the join takes the other side.
  if (x === undefined) return undefined;
  const tensor = toTensor(x);
  return keepExampleDtypes(tensor, withUnitAxes(tensor, leading, rank - (tensor.ndim - leading)));
}

/** Each example flattened to one axis. */
export function flattenExample(x: Tensor, leading: number): Tensor {
  return reshape(x, [...x.shape.slice(0, leading), exampleSize(x, leading)]);
}

/** The batched shape for reshaping each example to `shape`; a -1 is resolved against one example's size, so an empty batch reshapes too. */
export function batchShape(x: Tensor, leading: number, shape: number | readonly number[]): number[] {
  const target = typeof shape === "number" ? [shape] : shape.slice();
  const size = exampleSize(x, leading);
  const unknown = target.indexOf(-1);
  const known = shapeSize(target.filter((_, axis) => axis !== unknown));
  if (unknown >= 0 && known > 0 && size % known === 0) target[unknown] = size / known;
  if (shapeSize(target) !== size || target.some((extent) => extent < 0 || !Number.isInteger(extent))) {
    throw new RangeError(`reshape: cannot reshape an example of shape ${formatShape(x.shape.slice(leading))} into shape ${formatShape(typeof shape === "number" ? [shape] : shape)}`);
  }
  return [...x.shape.slice(0, leading), ...target];
}

/** Each example of `x` reshaped to `shape` (`np.array(values, shape)` of a stack of per-example numbers). */
export function reshapeExamples(x: Tensor, leading: number, shape: number | readonly number[]): Tensor {
  return reshape(x, batchShape(x, leading, shape));
}

/** The batched permutation for transposing each example by `perm` (default: reverse its axes). */
export function batchPermutation(x: Tensor, leading: number, perm?: readonly number[]): number[] {
  const rank = x.ndim - leading;
  const order = perm ?? Array.from({ length: rank }, (_, axis) => rank - 1 - axis);
  const shape = x.shape.slice(leading);
  if (order.length !== rank) throw new RangeError(`transpose: permutation (${order.join(", ")}) does not match an example of shape ${formatShape(shape)}`);
  const shifted = order.map((axis) => leading + normalizeAxis("transpose", axis, shape));
  if (new Set(shifted).size !== rank) throw new RangeError(`transpose: (${order.join(", ")}) is not a permutation of the axes of ${formatShape(shape)}`);
  return [...Array.from({ length: leading }, (_, axis) => axis), ...shifted];
}

/** The unit per-example axes: what `squeeze(x)` drops, never a batch axis of size 1. */
export function unitExampleAxes(x: Tensor, leading: number): number[] {
  return exampleAxes(x, leading).filter((axis) => x.shape[axis] === 1);
}

/** Each example broadcast to `shape`; the batch axes keep their sizes. */
export function broadcastExample(x: Tensor | number | boolean, leading: number, shape: number | readonly number[]): Tensor {
  const target = typeof shape === "number" ? [shape] : shape;
  const tensor = toTensor(x);
  if (tensor.ndim - leading > target.length) {
    throw new RangeError(`broadcastTo: an example of shape ${formatShape(tensor.shape.slice(leading))} cannot be broadcast to ${formatShape(target)}`);
  }
  return broadcastTo(lift(tensor, leading, target.length), [...tensor.shape.slice(0, leading), ...target]);
}

/** `index(t, i)` per example: the sub-tensor at `i` along the first per-example axis. */
export function indexExample(t: Tensor, leading: number, i: number): Tensor {
  if (t.ndim === leading) throw new RangeError(`index: cannot index a rank-0 example (${describeExample(t, leading)})`);
  return take(t, normalizeIndex("index", i, t.shape[leading], 0, t.shape.slice(leading)), leading);
}

/** `at(t, ...indices)` per example: one element of each example. */
export function atExample(t: Tensor, leading: number, indices: readonly number[]): Tensor {
  const shape = t.shape.slice(leading);
  if (indices.length !== shape.length) {
    throw new RangeError(`at: ${indices.length} indices for an example of shape ${formatShape(shape)}; give one per axis`);
  }
  const strides = stridesOf(t.shape);
  let offset = 0;
  indices.forEach((index, axis) => {
    offset += normalizeIndex("at", index, shape[axis], axis, shape) * strides[leading + axis];
  });
  const count = shapeSize(t.shape.slice(0, leading));
  const exampleStride = shapeSize(shape);
  const out = allocate(t.dtype, count);
  for (let example = 0; example < count; example++) out[example] = t.data[example * exampleStride + offset];
  return new Tensor(out, t.shape.slice(0, leading), t.dtype);
}

/** `t as number` on a batched value: every example must be a single element, which the batch holds one per example. */
export function exampleScalar(x: Tensor | number, leading: number): Tensor | number {
  const rank = exampleRank(x, leading);
  if (rank !== 0) {
    throw new TypeError(`a value asserted to be a number has per-example shape (${exampleShape(toTensor(x), leading).join(", ")}${rank === 1 ? "," : ""}), not a single element`);
  }
  return x;
}

/** `t as number` on an unbatched value: a number, or the one element of a rank-0 Tensor. */
export function scalarValue(x: Tensor | number): number {
  if (typeof x === "number") return x;
  if (x.ndim !== 0) throw new TypeError(`a value asserted to be a number is a Tensor of shape (${x.shape.join(", ")}${x.ndim === 1 ? "," : ""}), not a single element`);
  return x.item();
}
