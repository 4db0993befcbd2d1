import type { TypedArray } from "./dtype";

/**
 * Strided iteration: the one loop structure behind transposes, broadcasts and
 * elementwise ops. Tensors are contiguous; strides (in elements) describe a
 * view of one, with stride 0 for a broadcast axis.
 */

/** Below this many elements a plain loop beats `set(subarray(...))`, which allocates a view. */
const setThreshold = 32;

/** Copies `n` elements from `src[srcStart...]` to `dst[dstStart...]`, converting by assignment. */
export function copyBlock(dst: TypedArray, dstStart: number, src: TypedArray, srcStart: number, n: number): void {
  if (n >= setThreshold) {
    dst.set(src.subarray(srcStart, srcStart + n), dstStart);
    return;
  }
  for (let i = 0; i < n; i++) dst[dstStart + i] = src[srcStart + i];
}

/**
 * `shape` with unit axes dropped and adjacent axes merged wherever every
 * operand steps through them as one axis; `strides` holds one stride list per
 * operand. Fewer axes mean longer innermost rows.
 */
export function collapseAxes(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis];
    if (extent === 1) continue;
    const last = outShape.length - 1;
    const mergeable =
      last >= 0 && strides.every((s, k) => outStrides[k][last] === s[axis] * extent);
    if (mergeable) {
      outShape[last] *= extent;
      strides.forEach((s, k) => (outStrides[k][last] = s[axis]));
    } else {
      outShape.push(extent);
      strides.forEach((s, k) => outStrides[k].push(s[axis]));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Visits the innermost rows of a row-major walk over `shape` for several
 * operands at once: `visit(starts, outStart, length)` gets each operand's
 * offset of the row's first element (in `starts`, reused between calls), the
 * row's offset in a contiguous output, and its length. `innerStrides[k]` is
 * operand k's stride along the row. The callback runs once per row, so the
 * per-element loop lives in the caller.
 */
export function forEachRow(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  baseOffsets: readonly number[],
  visit: (starts: number[], outStart: number, length: number, innerStrides: readonly number[]) => void,
): void {
  for (const extent of shape) if (extent === 0) return;
  const collapsed = collapseAxes(shape, strides);
  const dims = collapsed.shape;
  const operandStrides = collapsed.strides;
  const starts = baseOffsets.slice();
  const rank = dims.length;
  if (rank === 0) {
    visit(starts, 0, 1, operandStrides.map(() => 0));
    return;
  }
  const length = dims[rank - 1];
  const innerStrides = operandStrides.map((s) => s[rank - 1]);
  const counter = new Array<number>(rank - 1).fill(0);
  const rows = dims.slice(0, rank - 1).reduce((a, b) => a * b, 1);
  for (let row = 0, outStart = 0; row < rows; row++, outStart += length) {
    visit(starts, outStart, length, innerStrides);
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      if (counter[axis] < dims[axis]) {
        for (let k = 0; k < starts.length; k++) starts[k] += operandStrides[k][axis];
        break;
      }
      counter[axis] = 0;
      for (let k = 0; k < starts.length; k++) starts[k] -= operandStrides[k][axis] * (dims[axis] - 1);
    }
  }
}

/** Writes the strided view (`src`, `offset`, `shape`, `strides`) into `dst` in row-major order. */
export function copyStrided(
  dst: TypedArray,
  src: TypedArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): void {
  forEachRow(shape, [strides], [offset], (starts, outStart, length, innerStrides) => {
    const stride = innerStrides[0];
    let at = starts[0];
    if (stride === 1) {
      copyBlock(dst, outStart, src, at, length);
      return;
    }
    for (let i = 0; i < length; i++, at += stride) dst[outStart + i] = src[at];
  });
}
