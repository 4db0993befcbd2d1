import { normalizeAxes, normalizeAxis, normalizeIndex } from "./axes";
import { broadcastStrides } from "./broadcast";
import { type ShapeLike, checkShape, shapeExtents } from "./create";
import { allocate, promote } from "./dtype";
import { type Operand, asTensor, describeValue } from "./operand";
import { copyBlock, copyStrided } from "./strided";
import { Tensor, formatShape, shapeSize, stridesOf } from "./tensor";

/**
 * Ops that rearrange elements without computing on them. Tensors are immutable,
 * so an op whose result is a contiguous run of its input (reshape, squeeze,
 * expandDims, index, a slice along axis 0) shares the input's memory.
 */

function productOf(extents: readonly number[], from = 0, to = extents.length): number {
  let product = 1;
  for (let axis = from; axis < to; axis++) product *= extents[axis];
  return product;
}

/** `x` with the same elements in `shape`; one extent may be -1, inferred from the size. */
export function reshape(x: Operand, shape: ShapeLike): Tensor {
  const t = asTensor("reshape", x);
  const extents = shapeExtents("reshape", shape);
  const target = formatShape(extents);
  const unknown = extents.indexOf(-1);
  if (unknown !== extents.lastIndexOf(-1)) {
    throw new RangeError(`reshape: can only specify one unknown dimension, got ${target}`);
  }
  extents.forEach((extent, axis) => {
    if (axis !== unknown && (!Number.isInteger(extent) || extent < 0)) {
      throw new RangeError(`reshape: invalid shape ${target}: extents must be non-negative integers or one -1`);
    }
  });
  if (unknown >= 0) {
    const known = extents.reduce((product, extent, axis) => (axis === unknown ? product : product * extent), 1);
    if (known === 0) {
      throw new RangeError(`reshape: cannot infer the -1 in ${target} for array of shape ${formatShape(t.shape)}: the other extents multiply to 0`);
    }
    extents[unknown] = t.size / known;
  }
  if (!Number.isInteger(extents[unknown] ?? 0) || shapeSize(extents) !== t.size) {
    throw new RangeError(`reshape: cannot reshape array of size ${t.size} (shape ${formatShape(t.shape)}) into shape ${target}`);
  }
  return new Tensor(t.data, extents, t.dtype);
}

/** `x` with its axes permuted: axis i of the result is axis `perm[i]` of `x`. Default: reversed. */
export function transpose(x: Operand, perm?: readonly number[]): Tensor {
  const t = asTensor("transpose", x);
  const order = perm === undefined ? t.shape.map((_, axis) => t.ndim - 1 - axis) : normalizeAxes("transpose", perm, t.shape);
  if (order.length !== t.ndim) {
    throw new RangeError(`transpose: axes (${(perm ?? []).join(", ")}) do not match shape ${formatShape(t.shape)}`);
  }
  const shape = order.map((axis) => t.shape[axis]);
  if (keepsMemoryOrder(t.shape, order)) return new Tensor(t.data, shape, t.dtype);
  const own = stridesOf(t.shape);
  const data = allocate(t.dtype, t.size);
  copyStrided(data, t.data, 0, shape, order.map((axis) => own[axis]));
  return new Tensor(data, shape, t.dtype);
}

/** True when permuting by `order` moves only unit axes, so the elements stay in the same order. */
function keepsMemoryOrder(shape: readonly number[], order: readonly number[]): boolean {
  let previous = -1;
  for (const axis of order) {
    if (shape[axis] === 1) continue;
    if (axis < previous) return false;
    previous = axis;
  }
  return true;
}

/** `x` with axis `source` moved to position `destination`, the other axes keeping their order. */
export function moveaxis(x: Operand, source: number, destination: number): Tensor {
  const t = asTensor("moveaxis", x);
  const from = normalizeAxis("moveaxis", source, t.shape);
  const to = normalizeAxis("moveaxis", destination, t.shape);
  const order = t.shape.map((_, axis) => axis).filter((axis) => axis !== from);
  order.splice(to, 0, from);
  return transpose(t, order);
}

/** `x` with unit axes inserted; each axis counts against the result's rank. */
export function expandDims(x: Operand, axis: number | readonly number[]): Tensor {
  const t = asTensor("expandDims", x);
  const count = typeof axis === "number" ? 1 : axis.length;
  const rank = t.ndim + count;
  const inserted = new Set(normalizeAxes("expandDims", axis, t.shape, rank));
  const shape: number[] = [];
  for (let out = 0, from = 0; out < rank; out++) shape.push(inserted.has(out) ? 1 : t.shape[from++]);
  return new Tensor(t.data, shape, t.dtype);
}

/** `x` without the given unit axes (all unit axes when none are given). */
export function squeeze(x: Operand, axis?: number | readonly number[]): Tensor {
  const t = asTensor("squeeze", x);
  const removed = new Set(
    axis === undefined
      ? t.shape.flatMap((extent, a) => (extent === 1 ? [a] : []))
      : normalizeAxes("squeeze", axis, t.shape),
  );
  for (const a of removed) {
    if (t.shape[a] !== 1) {
      throw new RangeError(`squeeze: cannot remove axis ${a} of size ${t.shape[a]} from shape ${formatShape(t.shape)}: it is not 1`);
    }
  }
  return new Tensor(t.data, t.shape.filter((_, a) => !removed.has(a)), t.dtype);
}

/** `x` repeated along new leading axes and along its unit axes to fill `shape` (numpy's rules). */
export function broadcastTo(x: Operand, shape: ShapeLike): Tensor {
  const t = asTensor("broadcastTo", x);
  const target = checkShape("broadcastTo", shape);
  const shift = target.length - t.ndim;
  const fits = shift >= 0 && t.shape.every((extent, axis) => extent === target[shift + axis] || extent === 1);
  if (!fits) {
    throw new RangeError(`broadcastTo: shape ${formatShape(t.shape)} cannot be broadcast to ${formatShape(target)}`);
  }
  const data = allocate(t.dtype, shapeSize(target));
  if (t.size === 1) data.fill(t.data[0]);
  else copyStrided(data, t.data, 0, target, broadcastStrides(t.shape, target));
  return new Tensor(data, target, t.dtype);
}

/** The arrays joined along an existing `axis`; their shapes must agree on every other axis. */
export function concatenate(xs: readonly Operand[], axis = 0): Tensor {
  if (xs.length === 0) throw new RangeError("concatenate: need at least one array to concatenate");
  const tensors = xs.map((x) => asTensor("concatenate", x));
  const shapes = () => tensors.map((t) => formatShape(t.shape)).join(", ");
  const first = tensors[0].shape;
  if (first.length === 0) throw new RangeError(`concatenate: zero-dimensional arrays cannot be concatenated (shapes ${shapes()})`);
  const along = normalizeAxis("concatenate", axis, first);
  for (const t of tensors) {
    const agrees = t.ndim === first.length && t.shape.every((extent, a) => a === along || extent === first[a]);
    if (!agrees) {
      throw new RangeError(`concatenate: shapes must match except along axis ${along}, got ${shapes()}`);
    }
  }
  const dtype = tensors.map((t) => t.dtype).reduce(promote);
  const shape = first.slice();
  shape[along] = tensors.reduce((total, t) => total + t.shape[along], 0);
  if (tensors.length === 1 && dtype === tensors[0].dtype) return tensors[0];
  const outer = productOf(first, 0, along);
  const inner = productOf(first, along + 1);
  const data = allocate(dtype, shapeSize(shape));
  let written = 0;
  for (let o = 0; o < outer; o++) {
    for (const t of tensors) {
      const block = t.shape[along] * inner;
      copyBlock(data, written, t.data, o * block, block);
      written += block;
    }
  }
  return new Tensor(data, shape, dtype);
}

/** The arrays, all of one shape, joined along a new `axis` (counted against the result's rank). */
export function stack(xs: readonly Operand[], axis = 0): Tensor {
  if (xs.length === 0) throw new RangeError("stack: need at least one array to stack");
  if (axis === 0 && xs.every((x): x is number => typeof x === "number")) {
    return new Tensor(Float64Array.from(xs), [xs.length], "float64");
  }
  const tensors = xs.map((x) => asTensor("stack", x));
  const first = tensors[0].shape;
  for (const t of tensors) {
    if (t.ndim !== first.length || t.shape.some((extent, a) => extent !== first[a])) {
      const shapes = tensors.map((u) => formatShape(u.shape)).join(", ");
      throw new RangeError(`stack: all arrays must have the same shape, got ${shapes}`);
    }
  }
  const along = normalizeAxis("stack", axis, first, first.length + 1);
  return concatenate(tensors.map((t) => expandDims(t, along)), along);
}

/** The sub-tensor at `i` along axis 0 (rank 0 for a 1-D `t`); a negative `i` counts from the end. */
export function index(t: Operand, i: number): Tensor {
  const x = asTensor("index", t);
  if (x.ndim === 0) throw new RangeError(`index: cannot index a rank-0 tensor (shape ())`);
  const row = normalizeIndex("index", i, x.shape[0], 0, x.shape);
  const inner = productOf(x.shape, 1);
  return new Tensor(x.data.subarray(row * inner, (row + 1) * inner), x.shape.slice(1), x.dtype);
}

/**
 * A copy of `t` with the sub-tensor at `i` along axis 0 replaced by `value`,
 * broadcast to that sub-tensor's shape and stored in `t`'s dtype: JAX's
 * `x.at[i].set(v)`, a functional update (`t` itself never changes).
 */
export function set(t: Operand, i: number, value: Operand): Tensor {
  const x = asTensor("set", t);
  if (x.ndim === 0) throw new RangeError(`set: cannot index a rank-0 tensor (shape ())`);
  const row = normalizeIndex("set", i, x.shape[0], 0, x.shape);
  const block = x.shape.slice(1);
  const given = asTensor("set", value);
  const fits = given.ndim <= block.length && given.shape.every((extent, axis) => extent === 1 || extent === block[block.length - given.ndim + axis]);
  if (!fits) throw new RangeError(`set: a value of shape ${formatShape(given.shape)} cannot be broadcast to the row shape ${formatShape(block)} of a tensor of shape ${formatShape(x.shape)}`);
  const written = broadcastTo(given, block).data;
  const data = x.data.slice();
  const offset = row * shapeSize(block);
  for (let k = 0; k < written.length; k++) data[offset + k] = x.dtype === "bool" ? (written[k] !== 0 ? 1 : 0) : written[k];
  return new Tensor(data, x.shape, x.dtype);
}

/** One element, as a number: exactly one index per axis, negatives counting from the end. */
export function at(t: Operand, ...indices: number[]): number {
  const x = asTensor("at", t);
  if (indices.length !== x.ndim) {
    throw new RangeError(`at: expected ${x.ndim} indices for shape ${formatShape(x.shape)}, got ${indices.length}`);
  }
  let offset = 0;
  for (let axis = 0; axis < x.ndim; axis++) {
    offset = offset * x.shape[axis] + normalizeIndex("at", indices[axis], x.shape[axis], axis, x.shape);
  }
  return x.data[offset];
}

/**
 * Elements `start` (inclusive) to `stop` (exclusive) along `axis`; negatives
 * count from the end; a bound outside [-n, n] is a RangeError, never clamped;
 * `stop` before `start` gives an empty axis.
 */
export function slice(t: Operand, start: number, stop: number, axis = 0): Tensor {
  const x = asTensor("slice", t);
  if (x.ndim === 0) throw new RangeError(`slice: cannot slice a rank-0 tensor (shape ())`);
  const along = normalizeAxis("slice", axis, x.shape);
  const extent = x.shape[along];
  const bound = (name: string, value: number): number => {
    if (!Number.isInteger(value)) throw new TypeError(`slice: ${name} must be an integer, got ${value}`);
    if (value < -extent || value > extent) {
      throw new RangeError(`slice: ${name} ${value} is out of bounds for axis ${along} with size ${extent} (shape ${formatShape(x.shape)})`);
    }
    return value < 0 ? value + extent : value;
  };
  const from = bound("start", start);
  const length = Math.max(0, bound("stop", stop) - from);
  if (length === extent) return x;
  const shape = x.shape.slice();
  shape[along] = length;
  const outer = productOf(x.shape, 0, along);
  const inner = productOf(x.shape, along + 1);
  if (outer === 1) return new Tensor(x.data.subarray(from * inner, (from + length) * inner), shape, x.dtype);
  const data = allocate(x.dtype, outer * length * inner);
  for (let o = 0; o < outer; o++) {
    copyBlock(data, o * length * inner, x.data, (o * extent + from) * inner, length * inner);
  }
  return new Tensor(data, shape, x.dtype);
}

/**
 * numpy's take: the elements at `indices` along `axis` (of the flattened array
 * when no axis is given). A number index removes the axis; an array or Tensor
 * of indices of shape S puts S in its place. Negative indices count from the end.
 */
export function take(t: Operand, indices: number | readonly number[] | Tensor, axis?: number | null): Tensor {
  const given = asTensor("take", t);
  const x = axis === undefined || axis === null ? reshape(given, [given.size]) : given;
  const along = axis === undefined || axis === null ? 0 : normalizeAxis("take", axis, x.shape);
  const extent = x.shape[along];
  const { positions, shape: indexShape } = readIndices(indices, extent, along, x.shape);
  const outer = productOf(x.shape, 0, along);
  const inner = productOf(x.shape, along + 1);
  const shape = [...x.shape.slice(0, along), ...indexShape, ...x.shape.slice(along + 1)];
  const data = allocate(x.dtype, outer * positions.length * inner);
  let written = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * extent;
    for (let j = 0; j < positions.length; j++) {
      copyBlock(data, written, x.data, (base + positions[j]) * inner, inner);
      written += inner;
    }
  }
  return new Tensor(data, shape, x.dtype);
}

/** The indices as positions in [0, extent), and the shape they put in place of the axis. */
function readIndices(
  indices: number | readonly number[] | Tensor,
  extent: number,
  axis: number,
  shape: readonly number[],
): { positions: Int32Array; shape: readonly number[] } {
  if (indices instanceof Tensor && indices.dtype === "bool") {
    throw new TypeError(`take: indices must be integers, got a bool tensor of shape ${formatShape(indices.shape)}`);
  }
  const values: ArrayLike<unknown> = typeof indices === "number" ? [indices] : indices instanceof Tensor ? indices.data : indices;
  const positions = new Int32Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    if (typeof value !== "number") throw new TypeError(`take: indices must be integers, got ${describeValue(value)}`);
    positions[j] = normalizeIndex("take", value, extent, axis, shape);
  }
  const indexShape = typeof indices === "number" ? [] : indices instanceof Tensor ? indices.shape : [values.length];
  return { positions, shape: indexShape };
}
