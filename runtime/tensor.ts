import { type DType, type TypedArray, allocate } from "./dtype";

/** Nested JS arrays of numbers (booleans for a `bool` tensor), or a number at rank 0. */
export type NestedArray = number | boolean | NestedArray[];

const dataKey = Symbol("data");
const shapeKey = Symbol("shape");
const dtypeKey = Symbol("dtype");

/**
 * An immutable n-d array, row-major, backed by one typed array.
 *
 * `data`, `shape` and `dtype` are getters: assigning to them throws a
 * TypeError (in strict code). The values live in own enumerable properties
 * keyed by symbols of this module, not in `#private` fields, so that the deep
 * equality of test frameworks (which walks own enumerable keys, symbols
 * included) still compares two Tensors by content; and not in frozen public
 * fields, since `Object.freeze` would cost about 150 ns per Tensor
 * (bench/np-ops.mjs, small ops). JS cannot freeze a typed array's elements:
 * treat `data` as read-only.
 */
/** Set by `resultTensor` for the one construction it makes. */
let handingOver = false;

export class Tensor {
  private readonly [dataKey]: TypedArray;
  private readonly [shapeKey]: readonly number[];
  private readonly [dtypeKey]: DType;

  /**
   * Wraps `data` without copying. Callers hand over ownership: nothing else may
   * write to `data` afterwards, which is what makes a Tensor immutable.
   * `dtype` must be one tsvmap has and name `data`'s class; `shape` is a list
   * of non-negative integers whose product is `data.length`.
   */
  constructor(data: TypedArray, shape: readonly number[], dtype: DType) {
    if (handingOver) {
      handingOver = false;
      this[shapeKey] = Object.freeze(shape as number[]);
    } else {
      checkParts(data, shape, dtype);
      this[shapeKey] = Object.freeze(shape.slice());
    }
    this[dataKey] = data;
    this[dtypeKey] = dtype;
  }

  get data(): TypedArray {
    return this[dataKey];
  }

  get shape(): readonly number[] {
    return this[shapeKey];
  }

  get dtype(): DType {
    return this[dtypeKey];
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.data.length;
  }

  /** The only element of a size-1 tensor, as a number. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(`item: tensor of shape (${this.shape.join(", ")}) has ${this.data.length} elements, not 1`);
    }
    return this.data[0];
  }

  /**
   * The slices along the leading axis, as `np.index(t, i)` gives them, so
   * `for (const row of t)` visits rows (rank-0 Tensors for a 1-D one). A
   * rank-0 Tensor has no leading axis and is not iterable, as in numpy; that
   * also keeps deep equality in test frameworks (which walks iterables)
   * comparing the elements themselves, dtype and all.
   */
  get [Symbol.iterator](): () => IterableIterator<Tensor> {
    return (this.ndim === 0 ? undefined : () => rowsOf(this)) as () => IterableIterator<Tensor>;
  }

  /** Nested JS arrays; a number for rank 0. A `bool` tensor gives booleans. */
  toArray(): NestedArray {
    const toValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return toValue(this.data[offset]);
      const stride = strideAfter(this.shape, axis);
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[axis]; i++) out.push(build(axis + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** Nested brackets, elements as JS prints numbers: `[[1, 2], [3, 4]]`. */
  toString(): string {
    const show = (value: NestedArray): string =>
      Array.isArray(value) ? `[${value.map(show).join(", ")}]` : String(value);
    return show(this.toArray());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Tensor(${this.toString()}, shape=(${this.shape.join(", ")}), dtype=${this.dtype})`;
  }
}

/**
 * A Tensor over data and a shape the runtime has just made for it, which fit
 * by construction: not checked, and the shape frozen as it is rather than
 * copied (a batched call's fixed cost is mostly such bookkeeping). The caller
 * must not use the shape array afterwards for anything but reading.
 */
export function resultTensor(data: TypedArray, shape: number[], dtype: DType): Tensor {
  handingOver = true;
  return new Tensor(data, shape, dtype);
}

function* rowsOf(t: Tensor): IterableIterator<Tensor> {
  const inner = t.shape.slice(1).reduce((product, extent) => product * extent, 1);
  for (let row = 0; row < t.shape[0]; row++) {
    yield new Tensor(t.data.subarray(row * inner, (row + 1) * inner), t.shape.slice(1), t.dtype);
  }
}

/** The typed-array class each dtype is stored in. */
const arrayClasses: Readonly<Record<DType, Function>> = { float64: Float64Array, float32: Float32Array, int32: Int32Array, bool: Uint8Array };

function checkParts(data: TypedArray, shape: readonly number[], dtype: DType): void {
  const arrayClass = Object.hasOwn(arrayClasses, dtype) ? arrayClasses[dtype] : undefined;
  if (arrayClass === undefined) {
    throw new TypeError(`Tensor: unknown dtype ${JSON.stringify(dtype)}; use ${Object.keys(arrayClasses).join(", ")}`);
  }
  if (!(data instanceof arrayClass)) {
    throw new TypeError(`Tensor: data for dtype ${dtype} must be a ${arrayClass.name}, got ${describeData(data)}`);
  }
  if (!Array.isArray(shape)) throw new TypeError(`Tensor: shape must be an array of extents, got ${String(shape)}`);
  let size = 1;
  for (const extent of shape) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new RangeError(`Tensor: invalid shape (${shape.join(", ")}): extents must be non-negative integers`);
    }
    size *= extent;
  }
  if (data.length !== size) {
    throw new RangeError(`Tensor: data of length ${data.length} does not fit shape (${shape.join(", ")}) of size ${size}`);
  }
}

function describeData(data: unknown): string {
  if (ArrayBuffer.isView(data)) return `a ${data.constructor.name}`;
  return data === null || typeof data !== "object" ? String(data) : `a ${data.constructor?.name ?? "object"}`;
}

export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Row-major strides of `shape`, in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

function strideAfter(shape: readonly number[], axis: number): number {
  let stride = 1;
  for (let k = axis + 1; k < shape.length; k++) stride *= shape[k];
  return stride;
}

/** A new tensor of `shape` and `dtype`, zero-filled; its data is the caller's to fill. */
export function emptyTensor(shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(allocate(dtype, shapeSize(shape)), shape, dtype);
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}
