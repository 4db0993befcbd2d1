import { normalizeAxes, normalizeAxis } from "./axes";
import { type TypedArray, allocate } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { sum } from "./reduce";
import { Tensor, formatShape, shapeSize, stridesOf } from "./tensor";

/**
 * Ops that reorder or pick elements: numpy's `sort`, `argsort`, `flip`,
 * `tril`, `triu` and `diagonal` (and `trace`, its sum). Each keeps the dtype
 * (`argsort` gives int32 indices, `trace` the dtype of `sum`).
 */

/** The lines of elements along `axis`: `length` elements `inner` apart, one line per (outer, inner) position. */
function forEachLine(shape: readonly number[], axis: number, visit: (start: number, length: number, stride: number) => void): void {
  const length = shape[axis];
  const inner = shapeSize(shape.slice(axis + 1));
  const outer = shapeSize(shape.slice(0, axis));
  for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) visit(o * length * inner + j, length, inner);
}

/** numpy's order: ascending, NaN after everything; equal elements (`-0` and `0` too) keep their order. */
function ascending(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `x` with `axis` made the one axis of a flattened `x` when it is null, as numpy's `axis=None`. */
function alongAxis(op: string, x: Operand, axis: number | null): { t: Tensor; shape: readonly number[]; along: number } {
  const t = asTensor(op, x);
  if (axis === null) return { t, shape: [t.size], along: 0 };
  if (t.ndim === 0) throw new RangeError(`${op}: a rank-0 tensor has no axis ${axis} to order along; give axis null`);
  return { t, shape: t.shape, along: normalizeAxis(op, axis, t.shape) };
}

/** The order of each line's elements along `along` (a stable sort), as positions within the line. */
function lineOrders(data: TypedArray, shape: readonly number[], along: number, take: (start: number, stride: number, order: readonly number[]) => void): void {
  forEachLine(shape, along, (start, length, stride) => {
    const order = Array.from({ length }, (_, k) => k);
    order.sort((p, q) => ascending(data[start + p * stride], data[start + q * stride]) || p - q);
    take(start, stride, order);
  });
}

/** The elements sorted along `axis` (the last by default; null: the flattened elements), NaN last. */
export function sort(x: Operand, axis: number | null = -1): Tensor {
  const { t, shape, along } = alongAxis("sort", x, axis);
  const out = allocate(t.dtype, t.size);
  lineOrders(t.data, shape, along, (start, stride, order) => order.forEach((from, to) => (out[start + to * stride] = t.data[start + from * stride])));
  return new Tensor(out, shape, t.dtype);
}

/** The indices that sort `x` along `axis` (as `sort`), int32; equal elements keep their order. */
export function argsort(x: Operand, axis: number | null = -1): Tensor {
  const { t, shape, along } = alongAxis("argsort", x, axis);
  const out = new Int32Array(t.size);
  lineOrders(t.data, shape, along, (start, stride, order) => order.forEach((from, to) => (out[start + to * stride] = from)));
  return new Tensor(out, shape, "int32");
}

/** `x` with the order of its elements reversed along `axis` (or axes; every axis without one). */
export function flip(x: Operand, axis?: number | readonly number[] | null): Tensor {
  const t = asTensor("flip", x);
  const axes = axis === undefined || axis === null ? t.shape.map((_, k) => k) : normalizeAxes("flip", axis, t.shape);
  let data = t.data;
  for (const along of axes) {
    const source = data;
    const out = allocate(t.dtype, t.size);
    forEachLine(t.shape, along, (start, length, stride) => {
      for (let k = 0; k < length; k++) out[start + k * stride] = source[start + (length - 1 - k) * stride];
    });
    data = out;
  }
  return new Tensor(data === t.data ? data.slice() : data, t.shape, t.dtype);
}

/** The lower triangle of the last two axes: elements above diagonal `k` (0 the main one, above it positive) become 0. */
export function tril(x: Operand, k = 0): Tensor {
  return triangle("tril", x, k, (row, column) => column - row <= k);
}

/** The upper triangle of the last two axes: elements below diagonal `k` become 0. */
export function triu(x: Operand, k = 0): Tensor {
  return triangle("triu", x, k, (row, column) => column - row >= k);
}

function triangle(op: string, x: Operand, k: number, kept: (row: number, column: number) => boolean): Tensor {
  const t = asTensor(op, x);
  if (!Number.isInteger(k)) throw new TypeError(`${op}: the diagonal k must be an integer, got ${String(k)}`);
  if (t.ndim < 2) throw new RangeError(`${op}: needs a matrix (the last two axes), got shape ${formatShape(t.shape)}`);
  const [rows, columns] = t.shape.slice(-2);
  const out = allocate(t.dtype, t.size);
  for (let at = 0; at < t.size; at++) {
    const column = at % columns;
    const row = Math.floor(at / columns) % rows;
    if (kept(row, column)) out[at] = t.data[at];
  }
  return new Tensor(out, t.shape, t.dtype);
}

/**
 * numpy's `diagonal`: the elements `x[..., i, i + offset, ...]` of axes
 * `axis1` and `axis2` (the first two by default), those axes removed and the
 * diagonal a new last axis.
 */
export function diagonal(x: Operand, offset = 0, axis1 = 0, axis2 = 1): Tensor {
  const t = asTensor("diagonal", x);
  if (!Number.isInteger(offset)) throw new TypeError(`diagonal: the offset must be an integer, got ${String(offset)}`);
  if (t.ndim < 2) throw new RangeError(`diagonal: needs two axes, got shape ${formatShape(t.shape)}`);
  const [first, second] = [normalizeAxis("diagonal", axis1, t.shape), normalizeAxis("diagonal", axis2, t.shape)];
  if (first === second) throw new RangeError(`diagonal: axis1 and axis2 are both axis ${first} of shape ${formatShape(t.shape)}`);
  const length = Math.max(0, offset >= 0 ? Math.min(t.shape[first], t.shape[second] - offset) : Math.min(t.shape[first] + offset, t.shape[second]));
  const restAxes = t.shape.flatMap((_, axis) => (axis === first || axis === second ? [] : [axis]));
  const rest = restAxes.map((axis) => t.shape[axis]);
  const strides = stridesOf(t.shape);
  const positions = shapeSize(rest);
  const out = allocate(t.dtype, positions * length);
  // The diagonal's first element, and the step to the next: one along each of the two axes.
  const start = offset >= 0 ? offset * strides[second] : -offset * strides[first];
  const step = strides[first] + strides[second];
  for (let position = 0; position < positions; position++) {
    let base = start;
    for (let axis = restAxes.length - 1, remaining = position; axis >= 0; axis--) {
      base += (remaining % rest[axis]) * strides[restAxes[axis]];
      remaining = Math.floor(remaining / rest[axis]);
    }
    for (let k = 0; k < length; k++) out[position * length + k] = t.data[base + k * step];
  }
  return new Tensor(out, [...rest, length], t.dtype);
}

/**
 * numpy's `trace`: the sum of `diagonal(x, offset, axis1, axis2)` along its
 * last axis, as numpy sums it; a number for a matrix, else a Tensor of the other axes.
 */
export function trace(x: Operand, offset = 0, axis1 = 0, axis2 = 1): Tensor | number {
  const elements = diagonal(x, offset, axis1, axis2);
  return elements.ndim === 1 ? sum(elements) : sum(elements, -1);
}
