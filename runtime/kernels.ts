import type { TypedArray } from "./dtype";
import { floorMod, powFloat, powInt, roundHalfEven, sigmoid } from "./scalar-math";

/**
 * Elementwise ops and reductions are written once, as a scalar expression in
 * `x` (and `y`), and compiled here into typed-array loops, one set per op.
 *
 * Why compile instead of passing `(x, y) => x + y` to a shared loop: V8 keeps
 * one type-feedback record per function, so a loop shared by many callbacks
 * turns megamorphic and runs about 6× slower than a loop written for one op
 * (measured on a 1e6-element add). Writing each loop out by hand would repeat
 * the same four loops for every op. The expressions are constants of this
 * runtime, never user input.
 */

/** `out[outStart + i] = f(a[aStart + i·aStride], b[bStart + i·bStride])` for i < n. */
export type BinaryKernel = (
  out: TypedArray,
  outStart: number,
  a: TypedArray,
  aStart: number,
  aStride: number,
  b: TypedArray,
  bStart: number,
  bStride: number,
  n: number,
) => void;

/** `out[i] = f(x[i])` for i < n. */
export type UnaryKernel = (out: TypedArray, x: TypedArray, n: number) => void;

/** Functions an expression may call besides `Math.*`. */
const helpers = { floorMod, powFloat, powInt, roundHalfEven, sigmoid };
const helperNames = Object.keys(helpers);
const helperValues = Object.values(helpers);

function compile<F>(source: string): F {
  return new Function(...helperNames, `"use strict"; return ${source};`)(...helperValues) as F;
}

/**
 * Loops for the strides broadcasting produces: both operands contiguous, one
 * of them a repeated single element, and the general strided walk.
 */
export function compileBinary(name: string, expression: string): BinaryKernel {
  return compile<BinaryKernel>(`function ${name}Loop(out, o, a, ia, sa, b, ib, sb, n) {
    if (sa === 1 && sb === 1) {
      for (let i = 0; i < n; i++) { const x = a[ia + i], y = b[ib + i]; out[o + i] = ${expression}; }
    } else if (sa === 1 && sb === 0) {
      const y = b[ib];
      for (let i = 0; i < n; i++) { const x = a[ia + i]; out[o + i] = ${expression}; }
    } else if (sa === 0 && sb === 1) {
      const x = a[ia];
      for (let i = 0; i < n; i++) { const y = b[ib + i]; out[o + i] = ${expression}; }
    } else {
      for (let i = 0; i < n; i++, ia += sa, ib += sb) { const x = a[ia], y = b[ib]; out[o + i] = ${expression}; }
    }
  }`);
}

export function compileUnary(name: string, expression: string): UnaryKernel {
  return compile<UnaryKernel>(`function ${name}Loop(out, input, n) {
    for (let i = 0; i < n; i++) { const x = input[i]; out[i] = ${expression}; }
  }`);
}

/** The same expression as a function of JS numbers, for all-scalar calls. */
export function compileScalar(name: string, expression: string): (x: number, y: number) => number {
  return compile(`function ${name}Scalar(x, y) { return ${expression}; }`);
}

/**
 * `out[o] = fold of input[o·length ... (o + 1)·length)` for o < outer, starting
 * from `initial`; the expression combines the accumulator `x` with an element `y`.
 */
export type FoldKernel = (out: Float64Array, input: TypedArray, outer: number, length: number) => void;

export function compileFold(name: string, initial: number, expression: string): FoldKernel {
  return compile<FoldKernel>(`function ${name}Fold(out, input, outer, length) {
    for (let o = 0, base = 0; o < outer; o++, base += length) {
      let x = ${initial};
      for (let k = 0; k < length; k++) { const y = input[base + k]; x = ${expression}; }
      out[o] = x;
    }
  }`);
}

/**
 * For each (o, j) of an (outer, length, inner) layout, the first k whose
 * element wins `better` (in the candidate `y` and the best so far `x`) against
 * every other; a NaN wins over any number, the first NaN over later ones.
 * Streams memory in order: for inner > 1 it keeps a row of best values in `best`.
 */
export type ArgFoldKernel = (
  out: Int32Array,
  input: TypedArray,
  outer: number,
  length: number,
  inner: number,
  best: Float64Array,
) => void;

export function compileArgFold(name: string, better: string): ArgFoldKernel {
  const wins = `(${better} || (y !== y && x === x))`;
  return compile<ArgFoldKernel>(`function ${name}Fold(out, input, outer, length, inner, best) {
    if (inner === 1) {
      for (let o = 0, base = 0; o < outer; o++, base += length) {
        let x = input[base], at = 0;
        for (let k = 1; k < length; k++) { const y = input[base + k]; if (${wins}) { x = y; at = k; } }
        out[o] = at;
      }
      return;
    }
    for (let o = 0; o < outer; o++) {
      const base = o * length * inner, row = o * inner;
      for (let j = 0; j < inner; j++) { best[j] = input[base + j]; out[row + j] = 0; }
      for (let k = 1; k < length; k++) {
        const slice = base + k * inner;
        for (let j = 0; j < inner; j++) {
          const x = best[j], y = input[slice + j];
          if (${wins}) { best[j] = y; out[row + j] = k; }
        }
      }
    }
  }`);
}
