import { array } from "./create";
import { type DType, type TypedArray, allocate, dtypeOfArray, isTypedArray, promote } from "./dtype";
import { moveaxis } from "./shape";
import { copyBlock } from "./strided";
import { Tensor, shapeSize } from "./tensor";

/**
 * One result leaf of every example, stacked as the examples come into one
 * preallocated typed array. A number or boolean leaf is written straight into
 * it, with no Tensor made per example, so the reference's memory stays a small
 * constant times the data's. The values, dtype and shape are those of
 * `np.stack` over the leaves as Tensors.
 */

/** What a result leaf under an out axis may be. */
export type ResultLeaf = number | boolean | Tensor | TypedArray;

export function isResultLeaf(value: unknown): value is ResultLeaf {
  return typeof value === "number" || typeof value === "boolean" || value instanceof Tensor || isTypedArray(value);
}

const scalarShape: readonly number[] = [];

/** The per-example shape of a leaf: a number and a boolean are rank 0, a typed array 1-D. */
export function leafShape(leaf: ResultLeaf): readonly number[] {
  if (leaf instanceof Tensor) return leaf.shape;
  if (typeof leaf === "number" || typeof leaf === "boolean") return scalarShape;
  return [leaf.length];
}

/** A number is float64, a boolean bool, a typed array the dtype of its class. */
export function leafDtype(leaf: ResultLeaf): DType {
  if (leaf instanceof Tensor) return leaf.dtype;
  if (typeof leaf === "number") return "float64";
  if (typeof leaf === "boolean") return "bool";
  return dtypeOfArray(leaf)!;
}

export class StackedLeaf {
  private readonly size: number;
  private dtype: DType | undefined;
  private data: TypedArray | undefined;

  /** `count` examples, each leaf of per-example `shape`. */
  constructor(
    private readonly count: number,
    private readonly shape: readonly number[],
  ) {
    this.size = shapeSize(shape);
  }

  /** Stores example `i`'s leaf (of the per-example shape); a dtype that promotes the stack's converts what is stored. */
  write(i: number, leaf: ResultLeaf): void {
    const dtype = leafDtype(leaf);
    const promoted = this.dtype === undefined ? dtype : promote(this.dtype, dtype);
    if (promoted !== this.dtype) {
      const data = allocate(promoted, this.count * this.size);
      // Every conversion promotion makes (bool, int32 or float32 to a wider dtype) is exact.
      if (this.data !== undefined) copyBlock(data, 0, this.data, 0, this.data.length);
      this.data = data;
      this.dtype = promoted;
    }
    const data = this.data!;
    if (typeof leaf === "number") data[i] = leaf;
    else if (typeof leaf === "boolean") data[i] = leaf ? 1 : 0;
    else copyBlock(data, i * this.size, (leaf instanceof Tensor ? leaf : array(leaf)).data, 0, this.size);
  }

  /** The stack of every example, along `along` (in [0, rank of the per-example shape]). */
  tensor(along: number): Tensor {
    const stacked = new Tensor(this.data!, [this.count, ...this.shape], this.dtype!);
    return along === 0 ? stacked : moveaxis(stacked, 0, along);
  }
}
