import { type DType, type TypedArray, allocate, dtypeOfArray, dtypes } from "./dtype";
import { describeValue, quoteValue } from "./operand";
import { type NestedArray, Tensor, formatShape, shapeSize } from "./tensor";
import { copyTypedArray } from "./typed-input";

/** A shape argument: a list of extents, or one number for a 1-D shape. */
export type ShapeLike = number | readonly number[];

/** `shape` as a new list of extents, not yet checked; a TypeError if it is neither a number nor an array. */
export function shapeExtents(op: string, shape: ShapeLike): number[] {
  if (typeof shape === "number") return [shape];
  if (Array.isArray(shape)) return Array.from(shape);
  throw new TypeError(`${op}: shape must be a number or an array of non-negative integers, got ${quoteValue(shape)}`);
}

/** `shape` as a list of extents, each a non-negative integer. */
export function checkShape(op: string, shape: ShapeLike): number[] {
  const extents = shapeExtents(op, shape);
  for (const extent of extents) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new RangeError(`${op}: invalid shape (${extents.join(", ")}): extents must be non-negative integers`);
    }
  }
  return extents;
}

/** `dtype` itself, when it is one tsvmap has; a TypeError otherwise (callers from JS can pass any string). */
function checkDtype(op: string, dtype: DType): DType {
  if (!dtypes.includes(dtype)) throw new TypeError(`${op}: unknown dtype "${String(dtype)}"; use ${dtypes.join(", ")}`);
  return dtype;
}

/**
 * A tensor holding `values`: a JS number (float64) or boolean (bool), nested
 * arrays of them (float64, or bool when every element is a boolean), or a typed
 * array (its dtype from its class; copied in one bulk copy, so the tensor
 * stays immutable whatever the caller writes to its array afterwards).
 * `shape`, when given, lays the values out in that shape; its size must match.
 */
export function array(values: NestedArray | TypedArray, shape?: ShapeLike): Tensor {
  const { data, dtype, inferredShape } = readValues(values);
  if (shape === undefined) return new Tensor(data, inferredShape, dtype);
  const extents = checkShape("array", shape);
  if (shapeSize(extents) !== data.length) {
    throw new RangeError(`array: ${data.length} values do not fit shape ${formatShape(extents)}`);
  }
  return new Tensor(data, extents, dtype);
}

function readValues(values: NestedArray | TypedArray): { data: TypedArray; dtype: DType; inferredShape: number[] } {
  if (typeof values === "number") return { data: Float64Array.of(values), dtype: "float64", inferredShape: [] };
  if (typeof values === "boolean") return { data: Uint8Array.of(values ? 1 : 0), dtype: "bool", inferredShape: [] };
  if (Array.isArray(values)) return readNested(values);
  if (ArrayBuffer.isView(values)) {
    const dtype = dtypeOfArray(values);
    if (dtype === undefined) {
      throw new TypeError(`array: ${values.constructor.name} is not supported; use Float64Array, Float32Array, Int32Array or Uint8Array (bool)`);
    }
    return { data: copyTypedArray(values, dtype), dtype, inferredShape: [values.length] };
  }
  throw new TypeError(`array: expected a number, boolean, nested array or typed array, got ${describeValue(values)}`);
}

/** numpy's limit on the rank; also what stops an array that contains itself. */
const maxRank = 64;

/**
 * Nested arrays in one pass: the shape from the first element at each depth,
 * then every innermost array copied by a plain loop straight into the
 * result, checked as it goes. Where an element is wrong, the error names it
 * by its index path, worked out then.
 */
function readNested(values: NestedArray[]): { data: TypedArray; dtype: DType; inferredShape: number[] } {
  const shape: number[] = [];
  for (let level: NestedArray = values; Array.isArray(level); level = level[0]) {
    if (shape.length === maxRank) {
      throw new RangeError(`array: nested arrays more than ${maxRank} deep (does an array contain itself?)`);
    }
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const data = new Float64Array(shapeSize(shape));
  const innermost = shape.length - 1;
  const path: number[] = [];
  let written = 0;
  let sawNumber = false;
  const where = (depth: number, i: number): string => `element [${[...path.slice(0, depth), i].join(", ")}]`;
  const checkLevel = (value: NestedArray, depth: number): NestedArray[] => {
    if (Array.isArray(value)) {
      if (value.length !== shape[depth]) {
        throw new RangeError(`array: ragged nested array: ${depth === 0 ? "the array" : where(depth - 1, path[depth - 1])} has length ${value.length}, expected ${shape[depth]} for shape ${formatShape(shape)}`);
      }
      return value;
    }
    const at = where(depth - 1, path[depth - 1]);
    if (typeof value !== "number" && typeof value !== "boolean") throw new TypeError(`array: ${at} is ${describeValue(value)}, expected a number or boolean`);
    throw new RangeError(`array: ragged nested array: ${at} is a scalar, expected an array of length ${shape[depth]} for shape ${formatShape(shape)}`);
  };
  const badElement = (row: NestedArray[], depth: number, i: number): Error => {
    const value = row[i];
    if (!(i in row)) return new TypeError(`array: ${where(depth, i)} is a hole in a sparse array, expected a number or boolean`);
    if (Array.isArray(value)) return new RangeError(`array: ragged nested array: ${where(depth, i)} is an array, expected a scalar for shape ${formatShape(shape)}`);
    return new TypeError(`array: ${where(depth, i)} is ${describeValue(value)}, expected a number or boolean`);
  };
  const copyRow = (row: NestedArray[]): void => {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (typeof value === "number") {
        sawNumber = true;
        data[written++] = value;
      } else if (typeof value === "boolean") {
        data[written++] = value ? 1 : 0;
      } else {
        throw badElement(row, innermost, i);
      }
    }
  };
  const visit = (level: NestedArray[], depth: number): void => {
    if (depth === innermost) return copyRow(level);
    for (let i = 0; i < level.length; i++) {
      if (!(i in level)) throw badElement(level, depth, i);
      path[depth] = i;
      visit(checkLevel(level[i], depth + 1), depth + 1);
    }
  };
  visit(checkLevel(values, 0), 0);
  const allBooleans = data.length > 0 && !sawNumber;
  if (allBooleans) return { data: Uint8Array.from(data), dtype: "bool", inferredShape: shape };
  return { data, dtype: "float64", inferredShape: shape };
}

export function zeros(shape: ShapeLike, dtype: DType = "float64"): Tensor {
  const extents = checkShape("zeros", shape);
  checkDtype("zeros", dtype);
  return new Tensor(allocate(dtype, shapeSize(extents)), extents, dtype);
}

export function ones(shape: ShapeLike, dtype: DType = "float64"): Tensor {
  const extents = checkShape("ones", shape);
  checkDtype("ones", dtype);
  return new Tensor(allocate(dtype, shapeSize(extents)).fill(1), extents, dtype);
}

/** What `zerosLike` and `onesLike` give: a Tensor for a Tensor, a boolean for a boolean, a number for a number. */
export type Like<X> = X extends Tensor ? Tensor : X extends boolean ? boolean : number;

/** numpy's `zeros_like`: zeros of x's shape and dtype (false for bools); 0 for a JS number, false for a boolean. */
export function zerosLike<X extends number | boolean | Tensor>(x: X): Like<X> {
  return filledLike("zerosLike", x, 0) as Like<X>;
}

/** numpy's `ones_like`: ones of x's shape and dtype (true for bools); 1 for a JS number, true for a boolean. */
export function onesLike<X extends number | boolean | Tensor>(x: X): Like<X> {
  return filledLike("onesLike", x, 1) as Like<X>;
}

function filledLike(op: string, x: unknown, fill: 0 | 1): Tensor | number | boolean {
  if (typeof x === "boolean") return fill === 1;
  if (typeof x === "number") return fill;
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: x must be a Tensor, number or boolean, got ${describeValue(x)}`);
  return new Tensor(allocate(x.dtype, x.size).fill(fill), x.shape, x.dtype);
}

/** A tensor of `shape` filled with `value`; dtype float64 for a number, bool for a boolean, unless given. */
export function full(shape: ShapeLike, value: number | boolean, dtype?: DType): Tensor {
  const extents = checkShape("full", shape);
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw new TypeError(`full: the fill value must be a number or a boolean, got ${quoteValue(value)}`);
  }
  const resolved = checkDtype("full", dtype ?? (typeof value === "boolean" ? "bool" : "float64"));
  const fill = resolved === "bool" ? (value !== 0 && value !== false ? 1 : 0) : Number(value);
  return new Tensor(allocate(resolved, shapeSize(extents)).fill(fill), extents, resolved);
}

/**
 * `arange(n)` is 0, 1, ..., n - 1; `arange(start, stop, step = 1)` counts from
 * `start` by `step` while short of `stop`. float64 unless a dtype is given.
 */
export function arange(stop: number, dtype?: DType): Tensor;
export function arange(start: number, stop: number, step?: number, dtype?: DType): Tensor;
export function arange(...args: (number | DType | undefined)[]): Tensor {
  const last = args[args.length - 1];
  const dtype = checkDtype("arange", typeof last === "string" ? last : "float64");
  if (dtype === "bool") throw new TypeError("arange: dtype bool is not supported; use a comparison on a numeric range");
  const numbers = args.filter((a): a is number => typeof a === "number");
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0], 1] : [numbers[0], numbers[1], numbers[2] ?? 1];
  if (step === 0 || !Number.isFinite(step)) throw new RangeError(`arange: step must be finite and nonzero, got ${step}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new RangeError(`arange: start and stop must be finite, got ${start} and ${stop}`);
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtype, length);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return new Tensor(data, [length], dtype);
}

/** `n` evenly spaced float64 values from `a` to `b`, both ends included. */
export function linspace(a: number, b: number, n: number): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`linspace: number of samples must be a non-negative integer, got ${n}`);
  const data = new Float64Array(n);
  const step = n > 1 ? (b - a) / (n - 1) : 0;
  for (let i = 0; i < n; i++) data[i] = a + i * step;
  if (n > 1) data[n - 1] = b;
  return new Tensor(data, [n], "float64");
}

/** The n × n identity matrix. */
export function eye(n: number, dtype: DType = "float64"): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`eye: size must be a non-negative integer, got ${n}`);
  checkDtype("eye", dtype);
  const data = allocate(dtype, n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return new Tensor(data, [n, n], dtype);
}
