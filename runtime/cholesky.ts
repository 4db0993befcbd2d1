import { allocate } from "./dtype";
import { type Operand, asTensor } from "./operand";
import { resultDtype, squareSize } from "./solve";
import { type Tensor, resultTensor } from "./tensor";

/**
 * numpy's `linalg.cholesky`: for each symmetric positive-definite matrix of
 * `a` (the last two axes), the lower-triangular L with a = L·Lᵀ, read from
 * `a`'s lower triangle only, as LAPACK's potrf computes it (column by column,
 * in float64; float32 stays float32, ints give float64). A matrix that is not
 * positive definite is not an error, as in JAX (numpy raises LinAlgError):
 * its L is all NaN. Each matrix of a stack is computed as alone.
 */
export function cholesky(a: Operand): Tensor {
  const t = asTensor("linalg.cholesky", a);
  const n = squareSize("cholesky", t);
  const dtype = resultDtype(t.dtype);
  const out = allocate(dtype, t.size);
  const lower = new Float64Array(n * n);
  for (let start = 0; start < t.size; start += n * n) {
    lower.fill(0);
    if (factorLower(t.data, start, n, lower)) for (let i = 0; i < n * n; i++) out[start + i] = lower[i];
    else out.fill(NaN, start, start + n * n);
  }
  return resultTensor(out, t.shape.slice(), dtype);
}

/** Writes L of the n×n matrix at `source[start..]` into `lower`; false where a pivot is not positive (or NaN). */
function factorLower(source: ArrayLike<number>, start: number, n: number, lower: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    let pivot = source[start + j * n + j];
    for (let k = 0; k < j; k++) pivot -= lower[j * n + k] * lower[j * n + k];
    if (!(pivot > 0)) return false;
    const diagonal = Math.sqrt(pivot);
    lower[j * n + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      let total = source[start + i * n + j];
      for (let k = 0; k < j; k++) total -= lower[i * n + k] * lower[j * n + k];
      lower[i * n + j] = total / diagonal;
    }
  }
  return true;
}
