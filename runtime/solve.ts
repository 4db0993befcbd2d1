import { broadcastShapes, broadcastStrides } from "./broadcast";
import { allocate, type DType } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { type Tensor, formatShape, resultTensor, shapeSize } from "./tensor";

/*
 * numpy's `linalg.det`, `linalg.inv` and `linalg.solve`, on one matrix or a
 * stack of them (the last two axes; the leading ones are a stack, broadcast
 * between the operands of solve, as numpy's gufuncs do). Each matrix is
 * factored as LAPACK's getrf does (partial pivoting: the first row of largest
 * magnitude), in float64; float32 operands give float32 results, rounded
 * once, ints and bools float64. A stack is computed matrix by matrix with the
 * same arithmetic as one matrix, so a batched call agrees with its examples
 * to the last bit. A singular matrix is not an error, as in JAX (numpy raises
 * LinAlgError): its zero pivot divides, giving infinities and NaNs, and its
 * determinant is 0. An error for one example would fail a whole batch.
 */

/** An LU factorization of one n×n matrix: `lu` holds L below the diagonal (its unit diagonal not stored) and U; row k was swapped with `pivots[k]`. */
interface Factored {
  readonly lu: Float64Array;
  readonly pivots: Int32Array;
  /** -1 for an odd number of row swaps, else 1. */
  readonly parity: number;
}

function factor(source: ArrayLike<number>, offset: number, n: number): Factored {
  const lu = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) lu[i] = source[offset + i];
  const pivots = new Int32Array(n);
  let parity = 1;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i * n + k]) > Math.abs(lu[pivot * n + k])) pivot = i;
    pivots[k] = pivot;
    if (pivot !== k) {
      parity = -parity;
      for (let j = 0; j < n; j++) [lu[k * n + j], lu[pivot * n + j]] = [lu[pivot * n + j], lu[k * n + j]];
    }
    const diagonal = lu[k * n + k];
    // As getrf, a zero pivot (the column below it is zero too) leaves its column as it is, and the factoring goes on.
    if (diagonal === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const multiplier = lu[i * n + k] / diagonal;
      lu[i * n + k] = multiplier;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= multiplier * lu[k * n + j];
    }
  }
  return { lu, pivots, parity };
}

/** Solves in place `column` (n elements, `stride` apart from `start`) for the factored matrix: the row swaps, then L, then U. */
function substitute({ lu, pivots }: Factored, n: number, column: Float64Array, start: number, stride: number): void {
  const at = (i: number) => start + i * stride;
  for (let k = 0; k < n; k++) {
    if (pivots[k] !== k) [column[at(k)], column[at(pivots[k])]] = [column[at(pivots[k])], column[at(k)]];
  }
  for (let i = 1; i < n; i++) {
    let total = column[at(i)];
    for (let j = 0; j < i; j++) total -= lu[i * n + j] * column[at(j)];
    column[at(i)] = total;
  }
  for (let i = n - 1; i >= 0; i--) {
    let total = column[at(i)];
    for (let j = i + 1; j < n; j++) total -= lu[i * n + j] * column[at(j)];
    column[at(i)] = total / lu[i * n + i];
  }
}

/** The dtype of a linalg result: float32 where every operand is, else float64. */
export function resultDtype(...dtypes: DType[]): DType {
  return dtypes.every((dtype) => dtype === "float32") ? "float32" : "float64";
}

/** The size n of the square matrices `t` is a stack of; a RangeError naming `op` and the shape otherwise. */
export function squareSize(op: string, t: Tensor): number {
  const n = t.shape[t.ndim - 1];
  if (t.ndim < 2 || t.shape[t.ndim - 2] !== n) {
    throw new RangeError(`linalg.${op}: expected a square matrix or a stack of them (last two axes equal), got shape ${formatShape(t.shape)}`);
  }
  return n;
}

/** The determinant: a number for one matrix, a Tensor of the stack's shape for a stack. */
export function det(a: Operand): Tensor | number {
  const t = asTensor("linalg.det", a);
  const n = squareSize("det", t);
  const stack = t.shape.slice(0, -2);
  const out = allocate(resultDtype(t.dtype), shapeSize(stack));
  for (let matrix = 0; matrix < out.length; matrix++) {
    const factored = factor(t.data, matrix * n * n, n);
    let product = factored.parity;
    for (let k = 0; k < n; k++) product *= factored.lu[k * n + k];
    // numpy's det of a singular matrix is +0 whatever the sign of the pivots (its sign is 0).
    out[matrix] = product === 0 ? 0 : product;
  }
  return stack.length === 0 ? out[0] : resultTensor(out, stack, resultDtype(t.dtype));
}

/** The inverse of each matrix. */
export function inv(a: Operand): Tensor {
  const t = asTensor("linalg.inv", a);
  const n = squareSize("inv", t);
  const dtype = resultDtype(t.dtype);
  const out = allocate(dtype, t.size);
  const column = new Float64Array(n);
  for (let matrix = 0; matrix * n * n < t.size; matrix++) {
    const factored = factor(t.data, matrix * n * n, n);
    for (let j = 0; j < n; j++) {
      column.fill(0);
      column[j] = 1;
      substitute(factored, n, column, 0, 1);
      for (let i = 0; i < n; i++) out[matrix * n * n + i * n + j] = column[i];
    }
  }
  return resultTensor(out, t.shape.slice(), dtype);
}

/**
 * x with a·x = b for each matrix of `a`: numpy 2's rule, a 1-D `b` is one
 * vector (the result has `a`'s stack and n), else `b` is a stack of n×k
 * matrices whose stack broadcasts with `a`'s. A RangeError where the shapes
 * do not fit.
 */
export function solve(a: Operand, b: Operand): Tensor {
  const left = asTensor("linalg.solve", a);
  const right = asTensor("linalg.solve", b);
  const n = squareSize("solve", left);
  const vector = right.ndim === 1;
  if (right.ndim === 0 || right.shape[vector ? 0 : right.ndim - 2] !== n) {
    throw new RangeError(`linalg.solve: b of shape ${formatShape(right.shape)} does not fit a of shape ${formatShape(left.shape)}: b must be (${n},) or (..., ${n}, k)`);
  }
  const columns = vector ? 1 : right.shape[right.ndim - 1];
  const stack = broadcastShapes("linalg.solve", left.shape.slice(0, -2), vector ? [] : right.shape.slice(0, -2));
  const dtype = resultDtype(left.dtype, right.dtype);
  const perMatrix = n * columns;
  const out = new Float64Array(shapeSize(stack) * perMatrix);
  const leftStarts = stackStarts(left.shape.slice(0, -2), stack, n * n);
  const rightStarts = vector ? stackStarts([], stack, 0) : stackStarts(right.shape.slice(0, -2), stack, perMatrix);
  // A matrix broadcast over b's stack (one `a` for a batch of b) is factored once, not once per right-hand side.
  let factored: Factored | undefined;
  for (let matrix = 0; matrix < leftStarts.length; matrix++) {
    if (matrix === 0 || leftStarts[matrix] !== leftStarts[matrix - 1]) factored = factor(left.data, leftStarts[matrix], n);
    const start = matrix * perMatrix;
    for (let i = 0; i < perMatrix; i++) out[start + i] = right.data[rightStarts[matrix] + i];
    for (let j = 0; j < columns; j++) substitute(factored!, n, out, start + j, columns);
  }
  const shape = vector ? [...stack, n] : [...stack, n, columns];
  return resultTensor(dtype === "float64" ? out : Float32Array.from(out), shape, dtype);
}

/** Where each matrix of a stack of shape `own` starts (matrices `size` elements apart), for every position of the broadcast stack `stack`. */
function stackStarts(own: readonly number[], stack: readonly number[], size: number): number[] {
  const strides = broadcastStrides(own, stack);
  const count = shapeSize(stack);
  const starts: number[] = [];
  for (let position = 0; position < count; position++) {
    let start = 0;
    for (let axis = stack.length - 1, rest = position; axis >= 0; axis--) {
      start += (rest % stack[axis]) * strides[axis] * size;
      rest = Math.floor(rest / stack[axis]);
    }
    starts.push(start);
  }
  return starts;
}
