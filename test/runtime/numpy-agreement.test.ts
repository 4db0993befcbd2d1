import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { Tensor } from "../../runtime/tensor";

/*
 * np ops against numpy on special values (NaN, ±Infinity, -0, subnormals) and
 * on empty and size-1 shapes. numpy's results (scipy's for softmax and
 * logsumexp) are in numpy/cases.json, written by numpy/generate-cases.py. Values must be identical (NaN to NaN, -0 to -0),
 * except for functions where V8's libm and numpy's may differ in the last bit.
 * Where tsvmap knowingly differs from numpy, the cells are listed below with the reason.
 */

type Encoded =
  | { tensor: { dtype: Tensor["dtype"]; shape: number[]; values: (number | string | boolean)[] } }
  | { number: number | string }
  | { list: Encoded[] }
  | { raw: unknown }
  | { error: string };

interface Case {
  readonly name: string;
  /** An np op's name, or `linalg.norm` for one in a namespace of np. */
  readonly op: string;
  readonly args: Encoded[];
  readonly result: Encoded;
}

const { numpy, cases } = JSON.parse(readFileSync(new URL("numpy/cases.json", import.meta.url), "utf8")) as { numpy: string; cases: Case[] };

/** Last-bit differences between libm implementations are expected here. */
const approximateOps = new Set([
  "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sigmoid", "pow", "softmax", "logsumexp", "logSoftmax",
  "sinh", "cosh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "log2", "log10", "cbrt", "arctan2", "hypot",
  // numpy's 2-norm of a vector is a BLAS dot product, which sums in its own order.
  "linalg.norm",
]);

/**
 * Known, deliberate differences, as [op, a, b]: tsvmap's maximum and minimum are
 * IEEE 754's (Math.max: +0 is above -0), numpy's return either zero; tsvmap's
 * pow is C99's pow (Math.pow), numpy's takes a square root for an exponent of 0.5.
 */
const divergences: readonly (readonly [string, number, number])[] = [
  ["maximum", 0, -0], ["maximum", -0, 0], ["minimum", 0, -0], ["minimum", -0, 0],
  ["pow", -0, 0.5], ["pow", -Infinity, 0.5],
];

function decodeNumber(value: number | string | boolean): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  return typeof value === "number" ? value : value === "-0" ? -0 : Number(value);
}

function decode(encoded: Encoded): unknown {
  if ("tensor" in encoded) {
    const { dtype, shape, values } = encoded.tensor;
    const data = { float64: Float64Array, float32: Float32Array, int32: Int32Array, bool: Uint8Array }[dtype].from(values.map(decodeNumber));
    return new Tensor(data, shape, dtype);
  }
  if ("number" in encoded) return decodeNumber(encoded.number);
  if ("list" in encoded) return encoded.list.map(decode);
  if ("raw" in encoded) return encoded.raw;
  throw new Error(`cannot decode ${JSON.stringify(encoded)}`);
}

/**
 * LAPACK's LU and Cholesky (numpy's det, inv, solve, cholesky) eliminate in their own order and compute float32 in float32 (tsvmap in
 * float64, rounded once): agreement to a tolerance of the float's precision, relative to the larger of 1 and the value.
 */
const factoredOps = new Set(["linalg.det", "linalg.inv", "linalg.solve", "linalg.cholesky"]);

function sameNumber(actual: number, expected: number, approximate: boolean, tolerance = 4e-16): boolean {
  if (Object.is(actual, expected)) return true;
  if (tolerance > 4e-16) return Number.isFinite(expected) && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  return approximate && Number.isFinite(expected) && Math.abs(actual - expected) <= 4e-16 * Math.abs(expected);
}

/** The pair of operands at flat index `i` of a binary op's broadcast grid, for the divergence list. */
function operandsAt(args: unknown[], i: number): [number, number] | undefined {
  const [a, b] = args;
  if (!(a instanceof Tensor && b instanceof Tensor) || a.shape[1] !== 1 || b.shape[0] !== 1) return undefined;
  return [a.data[Math.floor(i / b.size)], b.data[i % b.size]];
}

function differences(c: Case, args: unknown[], actual: unknown): string[] {
  const expected = decode(c.result);
  const approximate = approximateOps.has(c.op);
  const tolerance = !factoredOps.has(c.op) ? undefined : c.args.some((arg) => "tensor" in arg && arg.tensor.dtype === "float32") ? 1e-6 : 1e-14;
  if (typeof expected === "boolean") return actual === expected ? [] : [`expected ${expected}, got ${String(actual)}`];
  if (typeof expected === "number") {
    return typeof actual === "number" && sameNumber(actual, expected, approximate, tolerance) ? [] : [`expected ${expected}, got ${String(actual)}`];
  }
  const want = expected as Tensor;
  if (!(actual instanceof Tensor)) return [`expected a Tensor, got ${String(actual)}`];
  if (actual.dtype !== want.dtype || actual.shape.join() !== want.shape.join()) {
    return [`expected ${want.dtype} of shape (${want.shape}), got ${actual.dtype} of shape (${actual.shape})`];
  }
  const found: string[] = [];
  for (let i = 0; i < want.size; i++) {
    if (sameNumber(actual.data[i], want.data[i], approximate, tolerance)) continue;
    const operands = operandsAt(args, i);
    if (operands && divergences.some(([op, a, b]) => op === c.op && Object.is(a, operands[0]) && Object.is(b, operands[1]))) continue;
    found.push(`element ${i}${operands ? ` (${operands.map(String).join(", ")})` : ""}: expected ${Object.is(want.data[i], -0) ? "-0" : want.data[i]}, got ${Object.is(actual.data[i], -0) ? "-0" : actual.data[i]}`);
  }
  return found;
}

describe(`np ops agree with numpy ${numpy} on special values, empty and size-1 shapes`, () => {
  it.each(cases)("$name", (c) => {
    const args = c.args.map(decode);
    const op = c.op.split(".").reduce<unknown>((namespace, name) => (namespace as Record<string, unknown>)[name], np) as (...a: unknown[]) => unknown;
    if ("error" in c.result) {
      expect(() => op(...args)).toThrow(c.result.error === "TypeError" ? TypeError : RangeError);
      return;
    }
    expect(differences(c, args, op(...args))).toEqual([]);
  });
});
