import type { TypedArray } from "./dtype";

/**
 * The shapes of the typed-array loops of elementwise ops and reductions. Each
 * op's loops are written out for that op alone in runtime/generated/loops.ts,
 * generated from one table of scalar forms (scripts/loop-table.mjs).
 *
 * Why one loop per op instead of passing `(x, y) => x + y` to a shared loop:
 * V8 keeps one type-feedback record per function, so a loop shared by many
 * callbacks turns megamorphic and runs about 6× slower than a loop written for
 * one op (measured on a 1e6-element add). They are generated at build time,
 * not compiled from strings at import time, so the runtime runs where code
 * generation from strings is forbidden.
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

/** A binary op's loop, its loop for an int32 result (wrapping like int32; the same loop where floats agree), and its form on JS numbers. */
export interface BinaryLoops {
  readonly loop: BinaryKernel;
  readonly int32Loop: BinaryKernel;
  readonly scalar: (x: number, y: number) => number;
}

export interface UnaryLoops {
  readonly loop: UnaryKernel;
  readonly int32Loop: UnaryKernel;
  readonly scalar: (x: number) => number;
}

/**
 * `out[o] = fold of input[o·length ... (o + 1)·length)` for o < outer, starting
 * from the monoid's initial value.
 */
export type FoldKernel = (out: Float64Array, input: TypedArray, outer: number, length: number) => void;

/**
 * A reduction's combining step twice: as a fold along a contiguous row
 * (reducing the last axis) and as an elementwise step that folds a whole row
 * into a row of accumulators (reducing an axis with contiguous blocks after
 * it), so both layouts stream memory in order.
 */
export interface Monoid {
  readonly initial: number;
  readonly fold: FoldKernel;
  readonly step: BinaryKernel;
}

/**
 * For each (o, j) of an (outer, length, inner) layout, the first k whose
 * element wins against every other; a NaN wins over any number, the first NaN
 * over later ones. `best` is scratch space of `inner` elements.
 */
export type ArgFoldKernel = (
  out: Int32Array,
  input: TypedArray,
  outer: number,
  length: number,
  inner: number,
  best: Float64Array,
) => void;
