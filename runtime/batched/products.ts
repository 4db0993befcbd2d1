import * as np from "../np";
import { Tensor } from "../tensor";
import { lift } from "./example";
import { toTensor, withUnitAxes } from "./tensors";

type Value = Tensor | number | boolean;

/**
 * `dot(a, b)` per example, over `leading` batch axes, as one product over the
 * whole batch: a single matrix product when one side is unbatched, a batched
 * matmul when both are. `aBatched`/`bBatched` say which operands carry the
 * batch axes.
 */
export function batchedDot(a: Value, aBatched: boolean, b: Value, bBatched: boolean, leading: number): Tensor {
  const ta = toTensor(a);
  const tb = toTensor(b);
  const ra = ta.ndim - (aBatched ? leading : 0);
  const rb = tb.ndim - (bBatched ? leading : 0);
  if (ra === 0 || rb === 0) return scaled(ta, aBatched, tb, bBatched, leading, Math.max(ra, rb));
  // a's leading axes come first in numpy's dot, so an unbatched b needs nothing.
  if (!bBatched) return np.dot(ta, tb) as Tensor;
  if (!aBatched) {
    if (rb === 1) {
      const rows = ta.shape.slice(0, -1);
      const columns = np.transpose(np.reshape(ta, [shapeSize(rows), ta.shape[ta.ndim - 1]]));
      return withBatchFirst(np.dot(tb, columns) as Tensor, rows, tb.shape.slice(0, leading));
    }
    const product = np.dot(ta, tb) as Tensor;
    const batchAxes = Array.from({ length: leading }, (_, axis) => ra - 1 + axis);
    const rest = Array.from({ length: product.ndim }, (_, axis) => axis).filter((axis) => !batchAxes.includes(axis));
    return np.transpose(product, [...batchAxes, ...rest]);
  }
  const n = ta.shape[ta.ndim - 1];
  const aRows = ta.shape.slice(leading, -1);
  const aMatrix = np.reshape(ta, [...ta.shape.slice(0, leading), shapeSize(aRows), n]);
  if (rb === 1) {
    const product = np.matmul(aMatrix, withUnitAxes(tb, tb.ndim, 1)) as Tensor;
    return np.reshape(product, [...product.shape.slice(0, leading), ...aRows]);
  }
  const bMiddle = tb.shape.slice(leading, -2);
  const m = tb.shape[tb.ndim - 1];
  const bBatchFirst = np.moveaxis(tb, tb.ndim - 2, leading);
  const bMatrix = np.reshape(bBatchFirst, [...tb.shape.slice(0, leading), n, shapeSize(bMiddle) * m]);
  const product = np.matmul(aMatrix, bMatrix) as Tensor;
  return np.reshape(product, [...product.shape.slice(0, leading), ...aRows, ...bMiddle, m]);
}

/**
 * `matmul(a, b)` per example: 1-D examples are promoted as numpy does and the
 * added axis removed after; batched examples are lifted to a common rank so
 * numpy's broadcasting of stacked matrices lines up per example.
 */
export function batchedMatmul(a: Value, aBatched: boolean, b: Value, bBatched: boolean, leading: number): Tensor {
  let ta = toTensor(a);
  let tb = toTensor(b);
  const ra = ta.ndim - (aBatched ? leading : 0);
  const rb = tb.ndim - (bBatched ? leading : 0);
  if (ra === 0 || rb === 0) throw new RangeError(`matmul: an operand is a scalar per example; use mul`);
  if (ra === 1) ta = withUnitAxes(ta, ta.ndim - 1, 1);
  if (rb === 1) tb = withUnitAxes(tb, tb.ndim, 1);
  const rank = Math.max(ra, rb, 2);
  if (aBatched) ta = lift(ta, leading, rank);
  if (bBatched) tb = lift(tb, leading, rank);
  let product = np.matmul(ta, tb) as Tensor;
  if (rb === 1) product = np.squeeze(product, -1);
  if (ra === 1) product = np.squeeze(product, rb === 1 ? -1 : -2);
  return product;
}

/** `outer(a, b)` per example: each example flattened, then every product of their elements. */
export function batchedOuter(a: Value, aBatched: boolean, b: Value, bBatched: boolean, leading: number): Tensor {
  const column = withUnitAxes(flatten(toTensor(a), aBatched ? leading : 0), Infinity, 1);
  const flatB = flatten(toTensor(b), bBatched ? leading : 0);
  const row = withUnitAxes(flatB, flatB.ndim - 1, 1);
  return np.mul(column, row) as Tensor;
}

function flatten(x: Tensor, leading: number): Tensor {
  return np.reshape(x, [...x.shape.slice(0, leading), shapeSize(x.shape.slice(leading))]);
}

/** A dot with a scalar example is a product, broadcast per example. */
function scaled(a: Tensor, aBatched: boolean, b: Tensor, bBatched: boolean, leading: number, rank: number): Tensor {
  return np.mul(aBatched ? lift(a, leading, rank) : a, bBatched ? lift(b, leading, rank) : b) as Tensor;
}

/** A `(batch, rows)` product reshaped to the batch axes followed by `rows`. */
function withBatchFirst(product: Tensor, rows: readonly number[], batch: readonly number[]): Tensor {
  return np.reshape(product, [...batch, ...rows]);
}

function shapeSize(shape: readonly number[]): number {
  return shape.reduce((size, extent) => size * extent, 1);
}
