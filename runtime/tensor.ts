import { type DType, type TypedArray, allocate } from "./dtype";

/** Nested JS arrays of numbers (booleans for a `bool` tensor), or a number at rank 0. */
export type NestedArray = number | boolean | NestedArray[];

/** An immutable n-d array, row-major, backed by one typed array. */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: TypedArray;

  /**
   * Wraps `data` without copying. Callers hand over ownership: nothing else may
   * write to `data` afterwards, which is what makes a Tensor immutable.
   */
  constructor(data: TypedArray, shape: readonly number[], dtype: DType) {
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new RangeError(`Tensor: data of length ${data.length} does not fit shape (${shape.join(", ")}) of size ${size}`);
    }
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtype;
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
