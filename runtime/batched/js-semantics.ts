import { broadcastShapes } from "../broadcast";
import { allocate, promote } from "../dtype";
import { broadcastTo } from "../shape";
import { Tensor, shapeSize } from "../tensor";
import { toTensor } from "./tensors";

/**
 * A number read from a closed-over array as a JS operator takes it: `undefined`
 * past the end is NaN there, where a batched op would reject it. With
 * `batchShape`, `x` is a batch, and an `undefined` one is a batch of NaN.
 */
export function jsNumber<Value extends number | Tensor>(x: Value | undefined, batchShape?: readonly number[]): Value | number | Tensor {
  if (x !== undefined) return x;
  return batchShape === undefined ? NaN : new Tensor(new Float64Array(shapeSize(batchShape)).fill(NaN), batchShape, "float64");
}

/**
 * JS operators whose meaning numpy spells differently, batched: `%` keeps the
 * dividend's sign (numpy's `mod` takes the divisor's), `Math.round` rounds
 * half up (numpy's `round` rounds half to even).
 */

export function remainder(a: Tensor | number, b: Tensor | number): Tensor {
  const ta = toTensor(a);
  const tb = toTensor(b);
  const shape = broadcastShapes("remainder", ta.shape, tb.shape);
  const left = broadcastTo(ta, shape).data;
  const right = broadcastTo(tb, shape).data;
  const dtype = typeof a === "number" ? tb.dtype : typeof b === "number" ? ta.dtype : promote(ta.dtype, tb.dtype);
  const out = allocate(dtype === "bool" ? "float64" : dtype, left.length);
  for (let i = 0; i < out.length; i++) out[i] = left[i] % right[i];
  return new Tensor(out, shape, dtype === "bool" ? "float64" : dtype);
}

export function roundHalfUp(x: Tensor): Tensor {
  return mapElements(x, Math.round);
}

/** The `Math` and `Number` functions on numbers that a batched program calls by name, as `jsMath("cbrt", x)`. */
const jsFunctions = {
  trunc: Math.trunc, sign: Math.sign, cbrt: Math.cbrt, log2: Math.log2, log10: Math.log10,
  sinh: Math.sinh, cosh: Math.cosh, asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh,
  asin: Math.asin, acos: Math.acos, atan: Math.atan, atan2: Math.atan2, hypot: Math.hypot, fround: Math.fround,
  isNaN: Number.isNaN, isFinite: Number.isFinite, isInteger: Number.isInteger,
} as const satisfies Record<string, (...values: number[]) => number | boolean>;

/**
 * `Math.<name>` (or `Number.<name>`) of batches of numbers, element by
 * element after broadcasting, as the per-example function computes it on JS
 * numbers: a float64 result, or bool for the `Number` tests.
 */
export function jsMath(name: keyof typeof jsFunctions, ...operands: (Tensor | number)[]): Tensor {
  const fn: (...values: number[]) => number | boolean = jsFunctions[name];
  if (typeof fn !== "function") throw new TypeError(`jsMath: no Math or Number function ${JSON.stringify(name)}`);
  const tensors = operands.map((operand) => toTensor(operand));
  const shape = tensors.reduce<readonly number[]>((joined, t) => broadcastShapes(name, joined, t.shape), []);
  const columns = tensors.map((t) => broadcastTo(t, shape).data);
  const tests = name === "isNaN" || name === "isFinite" || name === "isInteger";
  const size = shape.reduce((product, extent) => product * extent, 1);
  const out = allocate(tests ? "bool" : "float64", size);
  const values = new Array<number>(columns.length);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < columns.length; k++) values[k] = columns[k][i];
    out[i] = Number(fn(...values));
  }
  return new Tensor(out, shape, tests ? "bool" : "float64");
}

function mapElements(x: Tensor, fn: (value: number) => number): Tensor {
  const dtype = x.dtype === "bool" ? "float64" : x.dtype;
  const out = allocate(dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = fn(x.data[i]);
  return new Tensor(out, x.shape, dtype);
}
