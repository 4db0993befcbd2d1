import { normalizeAxis } from "./axes";
import { type TypedArray, allocate, floatOf } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { type Axes, type Reduction, extentOf, finish, planReduction, segmentsOf } from "./reduce";
import { transpose } from "./shape";
import { Tensor } from "./tensor";

/**
 * logsumexp, softmax and logSoftmax, each shifted by the maximum so that exp never
 * overflows. Both work on an (outer, length, inner) layout and stream memory
 * in order, keeping a row of running values when inner > 1.
 */

/** The maximum as a shift, or 0 when it is not finite (so all -Infinity gives -Infinity, not NaN). */
function shiftOf(max: number): number {
  return Number.isFinite(max) ? max : 0;
}

/**
 * For each (o, j) of an (outer, length, inner) layout, the shift (the
 * maximum, or 0 where it is not finite) and the log of the sum of exp(x - shift)
 * along the middle axis: logsumexp is their sum, log_softmax x - shift - log.
 */
function shiftsAndLogTotals(x: TypedArray, outer: number, length: number, inner: number): { shift: Float64Array; logTotal: Float64Array } {
  const shift = new Float64Array(outer * inner).fill(-Infinity);
  const logTotal = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const base = o * length * inner;
    const row = o * inner;
    for (let k = 0; k < length; k++) {
      for (let j = 0, at = base + k * inner; j < inner; j++) shift[row + j] = Math.max(shift[row + j], x[at + j]);
    }
    for (let j = 0; j < inner; j++) shift[row + j] = shiftOf(shift[row + j]);
    for (let k = 0; k < length; k++) {
      for (let j = 0, at = base + k * inner; j < inner; j++) logTotal[row + j] += Math.exp(x[at + j] - shift[row + j]);
    }
    for (let j = 0; j < inner; j++) logTotal[row + j] = Math.log(logTotal[row + j]);
  }
  return { shift, logTotal };
}

function logSumExpRows(out: Float64Array, x: TypedArray, outer: number, length: number, inner: number): void {
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += length) {
      let max = -Infinity;
      for (let k = 0; k < length; k++) max = Math.max(max, x[base + k]);
      const shift = shiftOf(max);
      let total = 0;
      for (let k = 0; k < length; k++) total += Math.exp(x[base + k] - shift);
      out[o] = Math.log(total) + shift;
    }
    return;
  }
  const { shift, logTotal } = shiftsAndLogTotals(x, outer, length, inner);
  for (let at = 0; at < out.length; at++) out[at] = logTotal[at] + shift[at];
}

/**
 * log(sum(exp(x))) over the axes, computed stably; no axis gives a number.
 * An empty axis gives -Infinity (the log of an empty sum).
 */
export const logsumexp: Reduction = ((x: Operand, axis?: Axes | null, keepdims = false): Tensor | number => {
  const given = asTensor("logsumexp", x);
  const plan = planReduction("logsumexp", given, axis, keepdims);
  const segments = segmentsOf(given.shape, plan.reduced);
  const runs = segments.filter((s) => s.reduced).length;
  let t = given;
  let outer: number, length: number, inner: number;
  if (runs <= 1) {
    const at = segments.findIndex((s) => s.reduced);
    outer = at < 0 ? given.size : extentOf(segments, 0, at);
    length = at < 0 ? 1 : segments[at].extent;
    inner = at < 0 ? 1 : extentOf(segments, at + 1);
  } else {
    const kept = given.shape.map((_, a) => a).filter((a) => !plan.reduced.has(a));
    t = transpose(given, [...kept, ...plan.reduced]);
    outer = kept.reduce((product, a) => product * given.shape[a], 1);
    length = plan.count;
    inner = 1;
  }
  const out = new Float64Array(outer * inner);
  logSumExpRows(out, t.data, outer, length, inner);
  return finish(out, plan, floatOf(given.dtype));
}) as Reduction;

function softmaxRows(out: Float64Array, x: TypedArray, outer: number, length: number, inner: number): void {
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += length) {
      let max = -Infinity;
      for (let k = 0; k < length; k++) max = Math.max(max, x[base + k]);
      let total = 0;
      for (let k = 0; k < length; k++) {
        const e = Math.exp(x[base + k] - max);
        out[base + k] = e;
        total += e;
      }
      for (let k = 0; k < length; k++) out[base + k] /= total;
    }
    return;
  }
  const max = new Float64Array(inner);
  const total = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * length * inner;
    max.fill(-Infinity);
    for (let k = 0; k < length; k++) {
      for (let j = 0, at = base + k * inner; j < inner; j++) max[j] = Math.max(max[j], x[at + j]);
    }
    total.fill(0);
    for (let k = 0; k < length; k++) {
      for (let j = 0, at = base + k * inner; j < inner; j++) {
        const e = Math.exp(x[at + j] - max[j]);
        out[at + j] = e;
        total[j] += e;
      }
    }
    for (let k = 0; k < length; k++) {
      for (let j = 0, at = base + k * inner; j < inner; j++) out[at + j] /= total[j];
    }
  }
}

/** exp(x) / sum(exp(x)) along `axis` (default the last), computed stably; the result is a float. */
export function softmax(x: Operand, axis = -1): Tensor {
  return alongAxis("softmax", x, axis, softmaxRows);
}

/**
 * The log of softmax along `axis` (default the last), JAX's `jax.nn.log_softmax`
 * (scipy's `log_softmax`): (x - shift) - log(sum(exp(x - shift))), the shift the
 * maximum, so that it neither overflows nor loses the small probabilities
 * `log(softmax(x))` rounds to 0. The result is a float.
 */
export function logSoftmax(x: Operand, axis = -1): Tensor {
  return alongAxis("logSoftmax", x, axis, (out, data, outer, length, inner) => {
    const { shift, logTotal } = shiftsAndLogTotals(data, outer, length, inner);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < length; k++) {
        for (let j = 0, at = (o * length + k) * inner; j < inner; j++) out[at + j] = data[at + j] - shift[o * inner + j] - logTotal[o * inner + j];
      }
    }
  });
}

/** `rows` over x's (outer, length, inner) layout along `axis`, in float64, stored in x's float dtype. */
function alongAxis(op: string, x: Operand, axis: number, rows: (out: Float64Array, data: TypedArray, outer: number, length: number, inner: number) => void): Tensor {
  const t = asTensor(op, x);
  const along = normalizeAxis(op, axis, t.shape);
  const length = t.shape[along];
  const outer = t.shape.slice(0, along).reduce((product, extent) => product * extent, 1);
  const inner = t.shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
  const values = new Float64Array(t.size);
  rows(values, t.data, outer, length, inner);
  const dtype = floatOf(t.dtype);
  if (dtype === "float64") return new Tensor(values, t.shape, dtype);
  const data = allocate(dtype, values.length);
  data.set(values);
  return new Tensor(data, t.shape, dtype);
}
