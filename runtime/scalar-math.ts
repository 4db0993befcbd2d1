import { pairwisePlan } from "./pairwise-sum";

/**
 * Scalar functions whose numpy semantics differ from the JS operator or Math
 * function of the same name. Kernels call them per element; V8 inlines them.
 */

/** numpy's `mod`: the remainder takes the divisor's sign (a zero remainder too). */
export function floorMod(x: number, y: number): number {
  const r = x % y;
  if (r === 0) return y < 0 ? -0 : 0;
  return r < 0 !== y < 0 ? r + y : r;
}

/** C's `pow` as numpy uses it: 1 to any power and any number to the power 0 are 1, NaN or not. */
export function powFloat(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** An int32 power by repeated squaring, wrapping like int32 arithmetic does. */
export function powInt(x: number, y: number): number {
  if (y < 0) throw new RangeError(`pow: integers to negative integer powers are not allowed (got exponent ${y}); cast to float first`);
  let result = 1;
  let base = x;
  for (let e = y; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/** Rounds half to even, like numpy: 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy's `sign`: the sign of -0 (and of 0) is 0; `Math.sign` keeps -0. */
export function signOf(x: number): number {
  return Math.sign(x) + 0;
}

/** numpy's truth of a number or boolean: anything but 0 and false, NaN included. */
export function truthy(x: number | boolean): boolean {
  return x !== 0 && x !== false;
}

/** numpy's `logical_and` of one pair of elements. */
export function logicalAndOf(x: number | boolean, y: number | boolean): boolean {
  return truthy(x) && truthy(y);
}

export function logicalOrOf(x: number | boolean, y: number | boolean): boolean {
  return truthy(x) || truthy(y);
}

export function logicalXorOf(x: number | boolean, y: number | boolean): boolean {
  return truthy(x) !== truthy(y);
}

export function logicalNotOf(x: number | boolean): boolean {
  return !truthy(x);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** numpy's `clip`: `minimum(maximum(x, lo), hi)`. */
export function clip(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/** numpy's `isinf`: true for either infinity. */
export function isInfinite(x: number): boolean {
  return x === Infinity || x === -Infinity;
}

/**
 * numpy's `isfinite` of one element, which a kernel may hold as a JS boolean
 * (a comparison it just computed): a bool is finite, where `Number.isFinite(true)` is false.
 */
export function isFiniteValue(x: number | boolean): boolean {
  return Number.isFinite(Number(x));
}

/** The helpers a generated kernel is passed (its last parameter) by the names it calls them: kernels read nothing from outside. */
export const kernelHelpers = { clip, floorMod, isFiniteValue, isInfinite, logicalAndOf, logicalNotOf, logicalOrOf, logicalXorOf, pairwisePlan, powFloat, roundHalfEven, sigmoid, signOf, truthy };

export type KernelHelpers = typeof kernelHelpers;
