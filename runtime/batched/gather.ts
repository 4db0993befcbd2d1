import { normalizeAxis, normalizeIndex } from "../axes";
import { broadcastShapes, broadcastStrides } from "../broadcast";
import { allocate } from "../dtype";
import { VmapError } from "../errors";
import { broadcastTo, set, slice, stack, take } from "../shape";
import { Tensor, formatShape, shapeSize, stridesOf } from "../tensor";
import { toTensor } from "./tensors";

/**
 * Indexing where the index differs per example: one gather over the batch.
 * Batched operands carry `leading` batch axes (size 1 where they lack a
 * level); an unbatched index is a plain number. `active` masks, one per
 * enclosing batched condition, mark the examples that reach the op: the
 * others' results are discarded, so their indices are not read (a bad one
 * must not throw) and their results are zeros.
 */

/** `index(t, i)` per example: the sub-tensor at each example's `i` along its first axis. */
export function gatherIndex(t: Tensor, tBatched: boolean, i: Tensor | number, leading: number, active: readonly Tensor[] = []): Tensor {
  const exampleShape = t.shape.slice(tBatched ? leading : 0);
  if (exampleShape.length === 0) throw new RangeError(`index: cannot index a rank-0 example of shape ${formatShape(exampleShape)}`);
  return gather("index", t, tBatched, [i], leading, 1, active);
}

/** `at(t, ...indices)` per example: one element of each example. */
export function gatherAt(t: Tensor, tBatched: boolean, indices: readonly (Tensor | number)[], leading: number, active: readonly Tensor[] = []): Tensor {
  const rank = t.ndim - (tBatched ? leading : 0);
  if (indices.length !== rank) {
    throw new RangeError(`at: ${indices.length} indices for an example of shape ${formatShape(t.shape.slice(t.ndim - rank))}; give one per axis`);
  }
  return gather("at", t, tBatched, indices, leading, rank, active);
}

/** Selects, per batch position, the block of `t` at `indices` along its first `indexed` example axes. */
function gather(op: string, t: Tensor, tBatched: boolean, indices: readonly (Tensor | number)[], leading: number, indexed: number, active: readonly Tensor[]): Tensor {
  const exampleShape = t.shape.slice(tBatched ? leading : 0);
  const indexTensors = indices.map((index) => toTensor(index));
  const lead = batchLead(op, leading, [[t, tBatched], ...indexTensors.map((index) => [index, index.ndim > 0] as const)]);
  const block = exampleShape.slice(indexed);
  const blockSize = shapeSize(block);
  const exampleStrides = stridesOf(exampleShape);
  const tStrides = tBatched ? broadcastStrides(t.shape.slice(0, leading), lead).map((stride) => stride * shapeSize(exampleShape)) : lead.map(() => 0);
  const indexStrides = indexTensors.map((index) => (index.ndim > 0 ? broadcastStrides(index.shape, lead) : lead.map(() => 0)));
  const count = shapeSize(lead);
  const out = allocate(t.dtype, count * blockSize);
  const reached = reachedExamples(active, lead);
  const position = new Array<number>(lead.length).fill(0);
  for (let example = 0; example < count; example++) {
    if (!reached(example)) {
      for (let axis = lead.length - 1; axis >= 0 && ++position[axis] === lead[axis]; axis--) position[axis] = 0;
      continue;
    }
    let source = 0;
    for (let axis = 0; axis < lead.length; axis++) source += position[axis] * tStrides[axis];
    for (let axis = 0; axis < indexTensors.length; axis++) {
      let offset = 0;
      for (let leadAxis = 0; leadAxis < lead.length; leadAxis++) offset += position[leadAxis] * indexStrides[axis][leadAxis];
      source += normalizeIndex(op, indexTensors[axis].data[offset], exampleShape[axis], axis, exampleShape) * exampleStrides[axis];
    }
    out.set(t.data.subarray(source, source + blockSize), example * blockSize);
    for (let axis = lead.length - 1; axis >= 0 && ++position[axis] === lead[axis]; axis--) position[axis] = 0;
  }
  return new Tensor(out, [...lead, ...block], t.dtype);
}

/**
 * `table[k]` per example, `table` a JS array of numbers (or a typed array)
 * and `k` a batch of indices: what JS reads at each, as a number, so an index
 * past the end or not an integer reads `undefined`, a NaN in arithmetic.
 */
export function gatherArray(table: ArrayLike<number>, k: Tensor): Tensor {
  if (table === null || typeof table !== "object" || typeof table.length !== "number") {
    throw new TypeError(`gatherArray: expected an array of numbers to index, got ${table === null ? "null" : typeof table}`);
  }
  const out = new Float64Array(k.size);
  for (let i = 0; i < out.length; i++) {
    const at = k.data[i];
    out[i] = readsAnElement(at, table.length) ? Number(table[at]) : NaN;
  }
  return new Tensor(out, k.shape, "float64");
}

/**
 * `table[k]` per example, as `gatherArray`, where an example that reads past
 * the end would see the `undefined` it gets (an `np` op or a result would
 * reject it, `===` would tell it from NaN): such a read, by an example that
 * reaches it, is a TypeError, as the `np` op the reference meets throws one.
 */
export function gatherArrayChecked(table: ArrayLike<number>, k: Tensor, active: readonly Tensor[] = []): Tensor {
  const out = gatherArray(table, k);
  const reached = reachedExamples(active, k.shape);
  for (let position = 0; position < out.size; position++) {
    const at = k.data[position];
    if (Number.isNaN(out.data[position]) && reached(position) && !readsAnElement(at, table.length)) {
      throw new TypeError(
        `vmap: an array of ${table.length} numbers read at index ${at} gives undefined, which compiled code cannot carry in a batch of numbers; ` +
          `test the index before reading (\`k >= 0 && k < table.length ? table[k] : 0\`)`,
      );
    }
  }
  return out;
}

/** Whether JS's `array[at]` reads an element of an array of `length`, rather than `undefined`. */
function readsAnElement(at: number, length: number): boolean {
  return Number.isInteger(at) && at >= 0 && at < length;
}

/**
 * `list[k]` per example, `list` a JS array of Tensors of one shape and dtype
 * and `k` a batch of indices: each example's own Tensor. JS reads `undefined`
 * at an index past the end or not an integer, and no `np` op takes that, so
 * such an index is the TypeError the reference meets, for an example that
 * reaches the read.
 */
export function gatherElement(list: readonly unknown[], k: Tensor, active: readonly Tensor[] = []): Tensor {
  if (!Array.isArray(list) || list.length === 0 || !list.every((element) => element instanceof Tensor)) {
    throw new TypeError(`gatherElement: expected a non-empty array of Tensors to index at a batched index, got ${Array.isArray(list) ? "an array of other values" : typeof list}`);
  }
  const [first] = list as Tensor[];
  for (const [position, element] of (list as Tensor[]).entries()) {
    if (element.dtype !== first.dtype || formatShape(element.shape) !== formatShape(first.shape)) {
      throw new VmapError(
        `vmap: the array indexed at a batched index holds a ${first.dtype} Tensor of shape ${formatShape(first.shape)} at 0 but a ${element.dtype} ` +
          `Tensor of shape ${formatShape(element.shape)} at ${position}; each example must get the same shape and dtype, so give every element one shape and dtype`,
      );
    }
  }
  const rows = stack(list as Tensor[]);
  const reached = reachedExamples(active, k.shape);
  const out = allocate(first.dtype, k.size * first.size);
  for (let position = 0; position < k.size; position++) {
    if (!reached(position)) continue;
    const at = k.data[position];
    if (!readsAnElement(at, list.length)) {
      throw new TypeError(`an array of ${list.length} Tensors read at index ${at} gives undefined, which is not a Tensor; test the index before reading`);
    }
    out.set(rows.data.subarray(at * first.size, (at + 1) * first.size), position * first.size);
  }
  return new Tensor(out, [...k.shape, ...first.shape], first.dtype);
}

/**
 * `take(t, indices, axis)` per example, the indices batched: each example
 * takes at its own indices, with numpy's rules and errors for one example.
 */
export function gatherTake(t: Tensor, tBatched: boolean, indices: Tensor | number, leading: number, axis: number | null, active: readonly Tensor[] = []): Tensor {
  const index = toTensor(indices);
  const takenShape = shapeOfTake(tBatched ? t.shape.slice(leading) : t.shape, index.ndim > 0 ? index.shape.slice(leading) : [], axis);
  return eachExample("take", leading, [[t, tBatched], [index, index.ndim > 0]], takenShape, t.dtype, ([example, at]) => take(example, at, axis), active);
}

/** Whether each batch position (row-major over `lead`) is reached: every mask is true there. */
function reachedExamples(active: readonly Tensor[], lead: readonly number[]): (position: number) => boolean {
  if (active.length === 0) return () => true;
  const masks = active.map((mask) => broadcastTo(mask, lead).data);
  return (position) => masks.every((mask) => mask[position] !== 0);
}

/** The batch axes `operands` meet in: each batched one's leading axes, broadcast together. */
function batchLead(op: string, leading: number, operands: readonly (readonly [Tensor, boolean])[]): readonly number[] {
  return broadcastShapes(op, ...operands.map(([x, batched]) => (batched ? x.shape.slice(0, leading) : [])));
}

/**
 * An op that has no batched form, applied per batch position: `perExample`
 * gets each operand's example there (an unbatched operand whole) and gives
 * a result of `resultShape`; the results are stacked over the batch axes.
 */
function eachExample(
  op: string,
  leading: number,
  operands: readonly (readonly [Tensor, boolean])[],
  resultShape: readonly number[],
  dtype: Tensor["dtype"],
  perExample: (examples: Tensor[]) => Tensor,
  active: readonly Tensor[],
): Tensor {
  const lead = batchLead(op, leading, operands);
  const examples = operands.map(([x, batched]) => examplesOf(x, batched, leading, lead));
  const count = shapeSize(lead);
  const resultSize = shapeSize(resultShape);
  const out = allocate(dtype, count * resultSize);
  const reached = reachedExamples(active, lead);
  for (let position = 0; position < count; position++) {
    if (reached(position)) out.set(perExample(examples.map((exampleAt) => exampleAt(position))).data, position * resultSize);
  }
  return new Tensor(out, [...lead, ...resultShape], dtype);
}

/** Example `position` of `x` (its batch axes broadcast to `lead`), or `x` itself when it is unbatched. */
function examplesOf(x: Tensor, batched: boolean, leading: number, lead: readonly number[]): (position: number) => Tensor {
  if (!batched) return () => x;
  const exampleShape = x.shape.slice(leading);
  const full = broadcastTo(x, [...lead, ...exampleShape]);
  const size = shapeSize(exampleShape);
  return (position) => new Tensor(full.data.subarray(position * size, (position + 1) * size), exampleShape, x.dtype);
}

/** The shape of `take` on one example: the indices' shape in place of the axis (of the flattened example without one). */
function shapeOfTake(exampleShape: readonly number[], indexShape: readonly number[], axis: number | null): readonly number[] {
  if (axis === null) return indexShape;
  const along = axis < 0 ? axis + exampleShape.length : axis;
  return [...exampleShape.slice(0, along), ...indexShape, ...exampleShape.slice(along + 1)];
}

/**
 * `set(t, i, value)` per example, any of the three batched: each example of
 * the result is its `t` with row `i` replaced by its `value`, as `np.set`
 * does for one example, with its errors.
 */
export function scatterSet(t: Tensor, tBatched: boolean, i: Tensor | number, value: Tensor | number, valueBatched: boolean, leading: number, active: readonly Tensor[] = []): Tensor {
  const index = toTensor(i);
  const exampleShape = tBatched ? t.shape.slice(leading) : t.shape;
  const operands = [[t, tBatched], [index, index.ndim > 0], [toTensor(value), valueBatched]] as const;
  return eachExample("set", leading, operands, exampleShape, t.dtype, ([example, row, replacement]) => set(example, row.item(), replacement), active);
}

/**
 * `slice(t, start, start + size, axis)` per example, `start` batched or not:
 * each example's own window of `size` elements along `axis`, with `slice`'s
 * errors for one example.
 */
export function gatherSlice(t: Tensor, tBatched: boolean, start: Tensor | number, size: number, leading: number, axis: number, active: readonly Tensor[] = []): Tensor {
  const from = toTensor(start);
  const windowShape = shapeOfWindow(tBatched ? t.shape.slice(leading) : t.shape, size, axis);
  const windowSize = shapeSize(windowShape);
  return eachExample("slice", leading, [[t, tBatched], [from, from.ndim > 0]], windowShape, t.dtype, ([example, at]) => {
    const first = at.item();
    const window = slice(example, first, first + size, axis);
    if (window.size !== windowSize) {
      throw new RangeError(`slice: the window at start ${first} has shape ${formatShape(window.shape)}, not ${formatShape(windowShape)}; a start from the end makes slice(t, i, i + n) shorter than n, so give a start of 0 or more`);
    }
    return window;
  }, active);
}

/** `slice(t, start, start + size, axis)` for one example. */
export function dynamicSlice(t: Tensor, start: number, size: number, axis = 0): Tensor {
  return slice(t, start, start + size, axis);
}

/** An example's window: `size` elements along `axis`, as `slice` checks it. */
function shapeOfWindow(exampleShape: readonly number[], size: number, axis: number): readonly number[] {
  if (exampleShape.length === 0) throw new RangeError(`slice: cannot slice a rank-0 tensor (shape ())`);
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`slice: a window of size ${size} is not a count of elements`);
  const along = normalizeAxis("slice", axis, exampleShape);
  if (size > exampleShape[along]) {
    throw new RangeError(`slice: a window of size ${size} does not fit axis ${along} with size ${exampleShape[along]} (shape ${formatShape(exampleShape)})`);
  }
  return exampleShape.map((extent, position) => (position === along ? size : extent));
}
