import { Tensor } from "./tensor";

/** A JS scalar where a tensor is expected: a number is float64, a boolean is bool. */
export type Scalar = number | boolean;

/** What every `np` op accepts as an array argument. */
export type Operand = Scalar | Tensor;

export function isScalar(value: unknown): value is Scalar {
  return typeof value === "number" || typeof value === "boolean";
}

/** `x` itself, or a rank-0 tensor holding a JS scalar (float64 for a number, bool for a boolean). */
export function asTensor(op: string, x: Operand): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") return new Tensor(Float64Array.of(x), [], "float64");
  if (typeof x === "boolean") return new Tensor(Uint8Array.of(x ? 1 : 0), [], "bool");
  const hint = Array.isArray(x) || ArrayBuffer.isView(x) ? " (make it a Tensor with np.array)" : "";
  throw new TypeError(`${op}: expected a Tensor, number or boolean, got ${quoteValue(x)}${hint}`);
}

/** A short name for the kind of a value, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `a ${(value as object).constructor?.name ?? "object"}`;
  return `a ${typeof value}`;
}

/** An argument as an error message quotes it: a number or a string literally, anything else by its kind. */
export function quoteValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return describeValue(value);
}
