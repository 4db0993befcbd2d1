import { normalizeAxes, normalizeAxis } from "./axes";
import { type DType, type TypedArray, allocate, floatOf } from "./dtype";
import { argFoldLoops, monoids } from "./generated/loops";
import type { Monoid } from "./kernels";
import { type Operand, asTensor, quoteValue } from "./operand";
import { copyBlock } from "./strided";
import { Tensor, formatShape } from "./tensor";

/** One axis or several. */
export type Axes = number | readonly number[];

/** With no axis and no keepdims a reduction gives a number; otherwise a Tensor. */
export interface Reduction {
  (x: Operand, axis?: null, keepdims?: false): number;
  (x: Operand, axis: Axes | null | undefined, keepdims: true): Tensor;
  (x: Operand, axis: Axes, keepdims?: boolean): Tensor;
  (x: Operand, axis?: Axes | null, keepdims?: boolean): Tensor | number;
}

/** argmax and argmin take one axis (or none: an index into the flattened array). */
export interface ArgReduction {
  (x: Operand, axis?: null, keepdims?: false): number;
  (x: Operand, axis: number | null | undefined, keepdims: true): Tensor;
  (x: Operand, axis: number, keepdims?: boolean): Tensor;
  (x: Operand, axis?: number | null, keepdims?: boolean): Tensor | number;
}

/** The reduced axes (as a set), the result's shape, and how many elements fold into each result element. */
export interface Plan {
  readonly reduced: ReadonlySet<number>;
  readonly shape: number[];
  readonly count: number;
  readonly returnsNumber: boolean;
}

export function planReduction(op: string, t: Tensor, axis: Axes | null | undefined, keepdims: boolean): Plan {
  checkKeepdims(op, keepdims);
  const axes = axis === undefined || axis === null ? t.shape.map((_, a) => a) : normalizeAxes(op, axis, t.shape);
  const reduced = new Set(axes);
  const shape = keepdims
    ? t.shape.map((extent, a) => (reduced.has(a) ? 1 : extent))
    : t.shape.filter((_, a) => !reduced.has(a));
  const count = axes.reduce((product, a) => product * t.shape[a], 1);
  return { reduced, shape, count, returnsNumber: (axis === undefined || axis === null) && !keepdims };
}

function checkKeepdims(op: string, keepdims: boolean): void {
  if (typeof keepdims !== "boolean") throw new TypeError(`${op}: keepdims must be a boolean, got ${quoteValue(keepdims)}`);
}

/** One axis or a run of adjacent axes, merged; `reduced` says whether a reduction folds it. */
export interface Segment {
  extent: number;
  readonly reduced: boolean;
}

/**
 * `shape` as alternating runs of kept and reduced axes. Unit axes are dropped
 * first (they do not change the layout), so runs separated only by unit axes merge.
 */
export function segmentsOf(shape: readonly number[], reduced: ReadonlySet<number>): Segment[] {
  const segments: Segment[] = [];
  shape.forEach((extent, axis) => {
    if (extent === 1) return;
    const isReduced = reduced.has(axis);
    const last = segments[segments.length - 1];
    if (last !== undefined && last.reduced === isReduced) last.extent *= extent;
    else segments.push({ extent, reduced: isReduced });
  });
  return segments;
}

export function extentOf(segments: readonly Segment[], from = 0, to = segments.length): number {
  let product = 1;
  for (let s = from; s < to; s++) product *= segments[s].extent;
  return product;
}

/** Folds `data` of `shape` over the `reduced` axes, one run of adjacent axes at a time, last run first. */
function foldAxes(m: Monoid, data: TypedArray, shape: readonly number[], reduced: ReadonlySet<number>): TypedArray {
  const segments = segmentsOf(shape, reduced);
  let current = data;
  for (let s = segments.length - 1; s >= 0; s--) {
    if (!segments[s].reduced) continue;
    current = foldSegment(m, current, extentOf(segments, 0, s), segments[s].extent, extentOf(segments, s + 1));
    segments.splice(s, 1);
  }
  // Reduced axes of extent 1 only: each element still folds into the initial value, as numpy's sum turns -0 into 0.
  if (current === data && reduced.size > 0) current = foldSegment(m, data, data.length, 1, 1);
  return current;
}

/** Folds the middle axis of an (outer, length, inner) layout. */
function foldSegment(m: Monoid, input: TypedArray, outer: number, length: number, inner: number): Float64Array {
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    m.fold(out, input, outer, length);
    return out;
  }
  for (let o = 0; o < outer; o++) {
    const row = o * inner;
    const base = o * length * inner;
    if (length === 0) {
      out.fill(m.initial, row, row + inner);
      continue;
    }
    copyBlock(out, row, input, base, inner);
    for (let k = 1; k < length; k++) m.step(out, row, out, row, 1, input, base + k * inner, 1, inner);
  }
  return out;
}

/**
 * The values as a tensor of `dtype`, or their one element for a full
 * reduction. Either way they are stored as `dtype` stores them (float32
 * rounds once, int32 wraps), so a full reduction and one over every axis agree.
 */
export function finish(values: TypedArray, plan: Plan, dtype: DType): Tensor | number {
  if (plan.returnsNumber) {
    const stored = allocate(dtype, 1);
    stored[0] = values[0];
    return stored[0];
  }
  if (values instanceof Float64Array && dtype === "float64") return new Tensor(values, plan.shape, dtype);
  const data = allocate(dtype, values.length);
  data.set(values);
  return new Tensor(data, plan.shape, dtype);
}

function reduction(
  name: string,
  chooseMonoid: (dtype: DType) => Monoid,
  resultDtype: (dtype: DType) => DType,
  hasIdentity: boolean,
): Reduction {
  const reduce = (x: Operand, axis?: Axes | null, keepdims = false): Tensor | number => {
    const t = asTensor(name, x);
    const plan = planReduction(name, t, axis, keepdims);
    if (!hasIdentity && plan.count === 0) {
      throw new RangeError(`${name}: zero-size reduction over an empty axis of shape ${formatShape(t.shape)} has no identity`);
    }
    const dtype = resultDtype(t.dtype);
    return finish(foldAxes(chooseMonoid(dtype), t.data, t.shape, plan.reduced), plan, dtype);
  };
  return reduce as Reduction;
}

const arithmeticDtype = (dtype: DType): DType => (dtype === "bool" ? "int32" : dtype);
const sameDtype = (dtype: DType): DType => dtype;

/** Sum of the elements; bool counts as int32; the sum of nothing is 0. */
export const sum = reduction("sum", () => monoids.sum, arithmeticDtype, true);
/** Product of the elements (int32 wraps); the product of nothing is 1. */
export const prod = reduction("prod", (dtype) => (dtype === "int32" ? monoids.prodInt32 : monoids.prod), arithmeticDtype, true);
/** Largest element; NaN wins. An empty axis is a RangeError. */
export const max = reduction("max", () => monoids.max, sameDtype, false);
/** Smallest element; NaN wins. An empty axis is a RangeError. */
export const min = reduction("min", () => monoids.min, sameDtype, false);

/** Arithmetic mean, as a float; the mean of nothing is NaN. */
export const mean: Reduction = ((x: Operand, axis?: Axes | null, keepdims = false): Tensor | number => {
  const t = asTensor("mean", x);
  const plan = planReduction("mean", t, axis, keepdims);
  const sums = foldAxes(monoids.sum, t.data, t.shape, plan.reduced);
  const means = new Float64Array(sums.length);
  for (let i = 0; i < sums.length; i++) means[i] = sums[i] / plan.count;
  return finish(means, plan, floatOf(t.dtype));
}) as Reduction;

function argReduction(name: keyof typeof argFoldLoops): ArgReduction {
  const kernel = argFoldLoops[name];
  const reduce = (x: Operand, axis?: number | null, keepdims = false): Tensor | number => {
    const t = asTensor(name, x);
    checkKeepdims(name, keepdims);
    const flat = axis === undefined || axis === null;
    const along = flat ? 0 : normalizeAxis(name, axis, t.shape);
    const shape = flat ? [t.size] : t.shape;
    if (shape[along] === 0) throw new RangeError(`${name}: attempt to get ${name} of an empty axis ${along} of shape ${formatShape(t.shape)}`);
    const outer = shape.slice(0, along).reduce((product, extent) => product * extent, 1);
    const inner = shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
    const indices = new Int32Array(outer * inner);
    kernel(indices, t.data, outer, shape[along], inner, new Float64Array(inner));
    if (flat && !keepdims) return indices[0];
    const resultShape = flat
      ? t.shape.map(() => 1)
      : keepdims
        ? t.shape.map((extent, a) => (a === along ? 1 : extent))
        : t.shape.filter((_, a) => a !== along);
    return new Tensor(indices, resultShape, "int32");
  };
  return reduce as ArgReduction;
}

/** Index of the largest element (the first, on ties; the first NaN if any), as int32. */
export const argmax = argReduction("argmax");
/** Index of the smallest element (the first, on ties; the first NaN if any), as int32. */
export const argmin = argReduction("argmin");
