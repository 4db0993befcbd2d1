import { broadcastStrides, tryBroadcastShapes } from "./broadcast";
import { type DType, type TypedArray, allocate, promote } from "./dtype";
import { mul } from "./elementwise/binary";
import { type Operand, asTensor, isScalar } from "./operand";
import { reshape } from "./shape";
import { Tensor, formatShape, shapeSize } from "./tensor";

/**
 * Matrix products. Every product reduces to `gemm` on contiguous row-major
 * blocks; results are accumulated in float64 (int32 in int32 arithmetic) and
 * stored in the promoted dtype.
 */

/** Columns of the output (and of B) handled per block, so an output row segment stays in L1. */
const columnBlock = 256;
/** Rows of B handled per block: a 64 × 256 block of B is 128 KiB, which stays in L2 across rows of A. */
const depthBlock = 64;

/**
 * out[i·outRowStride + j] += Σ_p A[i·k + p] · B[p·m + j] for an n × k A and
 * k × m B stored contiguously from `aStart` and `bStart`. The i-p-j order walks
 * B and the output row by row; blocking over p and j keeps B's block in cache.
 */
function gemm(
  out: Float64Array, outStart: number, outRowStride: number,
  a: TypedArray, aStart: number,
  b: TypedArray, bStart: number,
  n: number, k: number, m: number,
): void {
  if (m === 1) {
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let p = 0, at = aStart + i * k; p < k; p++) total += a[at + p] * b[bStart + p];
      out[outStart + i * outRowStride] += total;
    }
    return;
  }
  const rows = n - (n % 4);
  const columns = m - (m % 4);
  if (rows > 0 && columns > 0) {
    gemmTiles(out, outStart, outRowStride, a, aStart, b, bStart, rows, k, m, columns);
    gemmLoops(out, outStart + rows * outRowStride, outRowStride, a, aStart + rows * k, b, bStart, n - rows, k, m, 0, m);
    gemmLoops(out, outStart, outRowStride, a, aStart, b, bStart, rows, k, m, columns, m);
    return;
  }
  gemmLoops(out, outStart, outRowStride, a, aStart, b, bStart, n, k, m, 0, m);
}

/**
 * The 4 × 4 tiles of the output, for `rows` and `columns` multiples of 4: B is
 * packed into 4-column panels read in order, and each tile's 16 sums stay in
 * registers over the whole depth. Sums run over p in order, as in `gemmLoops`.
 */
function gemmTiles(
  out: Float64Array, outStart: number, outRowStride: number,
  a: TypedArray, aStart: number,
  b: TypedArray, bStart: number,
  rows: number, k: number, m: number, columns: number,
): void {
  const panels = new Float64Array(columns * k);
  for (let panel = 0; panel < columns / 4; panel++) {
    for (let p = 0; p < k; p++) {
      const from = bStart + p * m + panel * 4;
      const to = (panel * k + p) * 4;
      panels[to] = b[from];
      panels[to + 1] = b[from + 1];
      panels[to + 2] = b[from + 2];
      panels[to + 3] = b[from + 3];
    }
  }
  for (let i = 0; i < rows; i += 4) {
    const a0 = aStart + i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let panel = 0; panel < columns / 4; panel++) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, at = panel * k * 4; p < k; p++, at += 4) {
        const b0 = panels[at], b1 = panels[at + 1], b2 = panels[at + 2], b3 = panels[at + 3];
        const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      const o0 = outStart + i * outRowStride + panel * 4;
      const o1 = o0 + outRowStride;
      const o2 = o1 + outRowStride;
      const o3 = o2 + outRowStride;
      out[o0] += c00; out[o0 + 1] += c01; out[o0 + 2] += c02; out[o0 + 3] += c03;
      out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
      out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
      out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
    }
  }
}

/** The i-p-j loops over output columns [j0, jEnd), blocked so B's block stays in cache. */
function gemmLoops(
  out: Float64Array, outStart: number, outRowStride: number,
  a: TypedArray, aStart: number,
  b: TypedArray, bStart: number,
  n: number, k: number, m: number, jStart: number, jEnd: number,
): void {
  for (let j0 = jStart; j0 < jEnd; j0 += columnBlock) {
    const j1 = Math.min(jEnd, j0 + columnBlock);
    for (let p0 = 0; p0 < k; p0 += depthBlock) {
      const p1 = Math.min(k, p0 + depthBlock);
      for (let i = 0; i < n; i++) {
        const row = outStart + i * outRowStride;
        const aRow = aStart + i * k;
        for (let p = p0; p < p1; p++) {
          const aip = a[aRow + p];
          const bRow = bStart + p * m;
          for (let j = j0; j < j1; j++) out[row + j] += aip * b[bRow + j];
        }
      }
    }
  }
}

/** `gemm` in int32 arithmetic: products by Math.imul, sums wrapping on store. */
function gemmInt32(
  out: Int32Array, outStart: number, outRowStride: number,
  a: TypedArray, aStart: number,
  b: TypedArray, bStart: number,
  n: number, k: number, m: number,
): void {
  for (let i = 0; i < n; i++) {
    const row = outStart + i * outRowStride;
    for (let p = 0; p < k; p++) {
      const aip = a[aStart + i * k + p];
      const bRow = bStart + p * m;
      for (let j = 0; j < m; j++) out[row + j] += Math.imul(aip, b[bRow + j]);
    }
  }
}

/**
 * Where a product of `dtype` accumulates: `product(outStart, outRowStride, ...)`
 * runs gemm into it, `result()` gives the data in `dtype`.
 */
interface Accumulator {
  product(outStart: number, outRowStride: number, a: TypedArray, aStart: number, b: TypedArray, bStart: number, n: number, k: number, m: number): void;
  result(): TypedArray;
}

function accumulator(dtype: DType, size: number): Accumulator {
  if (dtype === "int32") {
    const data = new Int32Array(size);
    return { product: (...args) => gemmInt32(data, ...args), result: () => data };
  }
  const data = new Float64Array(size);
  const result = (): TypedArray => {
    if (dtype === "float64") return data;
    const converted = allocate(dtype, size);
    if (dtype === "bool") for (let i = 0; i < size; i++) converted[i] = data[i] !== 0 ? 1 : 0;
    else converted.set(data);
    return converted;
  };
  return { product: (...args) => gemm(data, ...args), result };
}

function notAligned(op: string, x: Tensor, y: Tensor, xAxis: number, yAxis: number): RangeError {
  return new RangeError(
    `${op}: shapes ${formatShape(x.shape)} and ${formatShape(y.shape)} are not aligned: ` +
      `${x.shape[xAxis]} (axis ${xAxis}) != ${y.shape[yAxis]} (axis ${yAxis})`,
  );
}

/**
 * numpy's matmul: matrix products over the last two axes, leading (batch)
 * axes broadcast. A 1-D operand is promoted to a matrix (a row for `a`, a
 * column for `b`) and the added axis is removed from the result.
 */
export function matmul(a: Operand, b: Operand): Tensor {
  const x = asTensor("matmul", a);
  const y = asTensor("matmul", b);
  if (x.ndim === 0 || y.ndim === 0) {
    throw new RangeError(`matmul: operands must have at least 1 dimension, got shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}`);
  }
  const xShape = x.ndim === 1 ? [1, x.shape[0]] : x.shape;
  const yShape = y.ndim === 1 ? [y.shape[0], 1] : y.shape;
  const [n, k] = xShape.slice(-2);
  const [depth, m] = yShape.slice(-2);
  if (k !== depth) throw notAligned("matmul", x, y, x.ndim - 1, Math.max(0, y.ndim - 2));
  const xBatch = xShape.slice(0, -2);
  const yBatch = yShape.slice(0, -2);
  const batch = tryBroadcastShapes(xBatch, yBatch);
  if (batch === undefined) {
    throw new RangeError(`matmul: batch shapes of ${formatShape(x.shape)} and ${formatShape(y.shape)} do not broadcast: ${formatShape(xBatch)} and ${formatShape(yBatch)}`);
  }
  const dtype = promote(x.dtype, y.dtype);
  const count = shapeSize(batch);
  const acc = accumulator(dtype, count * n * m);
  const xStrides = broadcastStrides(xBatch, batch);
  const yStrides = broadcastStrides(yBatch, batch);
  for (let q = 0; q < count; q++) {
    let xMatrix = 0;
    let yMatrix = 0;
    for (let axis = batch.length - 1, rest = q; axis >= 0; axis--) {
      const position = rest % batch[axis];
      rest = (rest - position) / batch[axis];
      xMatrix += position * xStrides[axis];
      yMatrix += position * yStrides[axis];
    }
    acc.product(q * n * m, m, x.data, xMatrix * n * k, y.data, yMatrix * k * m, n, k, m);
  }
  const shape = [...batch, ...(x.ndim === 1 ? [] : [n]), ...(y.ndim === 1 ? [] : [m])];
  return new Tensor(acc.result(), shape, dtype);
}

/**
 * numpy's dot: with a scalar, the elementwise product; 1-D · 1-D, the inner
 * product (a number); otherwise a sum over the last axis of `a` and the
 * second-to-last of `b` (the only axis of a 1-D `b`), the result's shape being
 * a's leading axes, then b's leading axes, then b's last.
 */
export function dot(a: number, b: number): number;
export function dot(a: Operand, b: Operand): Tensor | number;
export function dot(a: Operand, b: Operand): Tensor | number {
  // Of two JS booleans, a number: vmap's kinds take dot's scalar result to be a number.
  if (isScalar(a) && isScalar(b)) return Number(a) * Number(b);
  if (isScalar(a) || isScalar(b)) return mul(a, b) as Tensor;
  const x = asTensor("dot", a);
  const y = asTensor("dot", b);
  if (x.ndim === 0 || y.ndim === 0) return mul(x, y);
  const yAxis = y.ndim === 1 ? 0 : y.ndim - 2;
  const k = x.shape[x.ndim - 1];
  if (k !== y.shape[yAxis]) throw notAligned("dot", x, y, x.ndim - 1, yAxis);
  const rows = x.shape.slice(0, -1).reduce((product, extent) => product * extent, 1);
  const m = y.ndim === 1 ? 1 : y.shape[y.ndim - 1];
  const matrices = y.shape.slice(0, Math.max(0, y.ndim - 2)).reduce((product, extent) => product * extent, 1);
  const dtype = promote(x.dtype, y.dtype);
  const acc = accumulator(dtype, rows * matrices * m);
  for (let q = 0; q < matrices; q++) {
    acc.product(q * m, matrices * m, x.data, 0, y.data, q * k * m, rows, k, m);
  }
  const shape = [...x.shape.slice(0, -1), ...y.shape.slice(0, yAxis), ...(y.ndim === 1 ? [] : [m])];
  if (x.ndim === 1 && y.ndim === 1) return acc.result()[0];
  return new Tensor(acc.result(), shape, dtype);
}

/** The outer product of the flattened arguments: out[i, j] = a[i] · b[j]. */
export function outer(a: Operand, b: Operand): Tensor {
  const x = asTensor("outer", a);
  const y = asTensor("outer", b);
  return mul(reshape(x, [x.size, 1]), reshape(y, [1, y.size]));
}
