import { Tensor } from "../../runtime/tensor";

/** How close two floats must be: |actual - expected| <= absolute + relative * |expected|. */
export interface Tolerance {
  readonly relative: number;
  readonly absolute: number;
}

export const float64Tolerance: Tolerance = { relative: 1e-12, absolute: 1e-12 };

/**
 * Every difference between two results (pytrees of numbers, booleans, Tensors,
 * arrays and plain objects), one line each, naming where it is; empty when they
 * agree: same structure, same shapes and dtypes, values within `tolerance`,
 * NaN equal to NaN, -0 apart from 0.
 */
export function comparePytrees(actual: unknown, expected: unknown, tolerance: Tolerance = float64Tolerance): string[] {
  const differences: string[] = [];
  compareAt("result", actual, expected, tolerance, differences);
  return differences;
}

type Kind = "Tensor" | "number" | "boolean" | "array" | "object" | "other";

function kindOf(value: unknown): Kind {
  if (value instanceof Tensor) return "Tensor";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) return "object";
  return "other";
}

function describeValue(value: unknown): string {
  const kind = kindOf(value);
  if (kind === "other") return typeof value === "object" && value !== null ? Object.prototype.toString.call(value) : String(value);
  return kind === "array" || kind === "object" ? `an ${kind}` : `a ${kind}`;
}

function close(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  // -0 is not 0: `1 / x` tells them apart, and the reference keeps the sign.
  if (actual === expected) return actual !== 0 || Object.is(actual, expected);
  // The tolerance grows with |expected|: an infinity would excuse any value.
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= tolerance.absolute + tolerance.relative * Math.abs(expected);
}

function compareAt(where: string, actual: unknown, expected: unknown, tolerance: Tolerance, differences: string[]): void {
  const kind = kindOf(expected);
  // null and undefined are empty pytrees: the same on both sides is no difference.
  if ((expected === null || expected === undefined) && actual === expected) return;
  if (kindOf(actual) !== kind || kind === "other") {
    differences.push(`${where}: got ${describeValue(actual)}, expected ${describeValue(expected)}`);
    return;
  }
  switch (kind) {
    case "number":
      if (!close(actual as number, expected as number, tolerance)) differences.push(`${where}: got ${numberText(actual as number)}, expected ${numberText(expected as number)}`);
      return;
    case "boolean":
      if (actual !== expected) differences.push(`${where}: got ${actual}, expected ${expected}`);
      return;
    case "Tensor":
      compareTensors(where, actual as Tensor, expected as Tensor, tolerance, differences);
      return;
    case "array": {
      const [got, want] = [actual as unknown[], expected as unknown[]];
      if (got.length !== want.length) {
        differences.push(`${where}: got an array of length ${got.length}, expected length ${want.length}`);
        return;
      }
      want.forEach((item, i) => compareAt(`${where}[${i}]`, got[i], item, tolerance, differences));
      return;
    }
    case "object": {
      const [got, want] = [actual as Record<string, unknown>, expected as Record<string, unknown>];
      const [gotKeys, wantKeys] = [Object.keys(got).sort(), Object.keys(want).sort()];
      if (gotKeys.join() !== wantKeys.join()) {
        differences.push(`${where}: got keys {${gotKeys.join(", ")}}, expected {${wantKeys.join(", ")}}`);
        return;
      }
      for (const key of wantKeys) compareAt(`${where}.${key}`, got[key], want[key], tolerance, differences);
      return;
    }
  }
}

function compareTensors(where: string, actual: Tensor, expected: Tensor, tolerance: Tolerance, differences: string[]): void {
  const shape = (t: Tensor) => `(${t.shape.join(", ")})`;
  if (shape(actual) !== shape(expected)) {
    differences.push(`${where}: got shape ${shape(actual)}, expected ${shape(expected)}`);
    return;
  }
  if (actual.dtype !== expected.dtype) {
    differences.push(`${where}: got dtype ${actual.dtype}, expected ${expected.dtype}`);
    return;
  }
  let mismatches = 0;
  let first = -1;
  for (let i = 0; i < expected.size; i++) {
    if (close(actual.data[i], expected.data[i], tolerance)) continue;
    if (mismatches++ === 0) first = i;
  }
  if (mismatches > 0) {
    differences.push(
      `${where}: ${mismatches} of ${expected.size} elements differ; first at flat index ${first}: ` +
        `got ${numberText(actual.data[first])}, expected ${numberText(expected.data[first])}`,
    );
  }
}

/** A number as JS prints it, but -0 as "-0": the comparison tells the two zeros apart. */
function numberText(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}
