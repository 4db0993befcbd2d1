import type { Operand } from "../ir";
import { isVar } from "../ir";
import { type PrimInfo, type PrimName, prims } from "../prims";

/** JS operators on literal numbers and booleans, evaluated as JS evaluates them. */
const binary: Readonly<Partial<Record<string, (a: never, b: never) => number | boolean>>> = {
  "+": (a: number, b: number) => a + b,
  "-": (a: number, b: number) => a - b,
  "*": (a: number, b: number) => a * b,
  "/": (a: number, b: number) => a / b,
  "%": (a: number, b: number) => a % b,
  "**": (a: number, b: number) => a ** b,
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
  "===": (a: number, b: number) => a === b,
  "!==": (a: number, b: number) => a !== b,
  "&&": (a: boolean, b: boolean) => a && b,
  "||": (a: boolean, b: boolean) => a || b,
};

/**
 * The value of a JS operator the user wrote on literals only (`i - 1` once a
 * loop is unrolled, `2 ** 3`), so the emitted code holds the number, not the
 * sum. Undefined for anything else: `np` ops keep their Tensor results.
 */
export function foldOperator(prim: PrimName, args: readonly Operand[]): Operand | undefined {
  const scalar = (prims[prim] as PrimInfo).scalar;
  if (!scalar || !("operator" in scalar)) return undefined;
  const values = args.map((arg) => (isVar(arg) ? undefined : arg.literal));
  if (!values.every((value) => typeof value === "number" || typeof value === "boolean")) return undefined;
  if (scalar.prefix) {
    const [value] = values;
    if (scalar.operator === "-" && typeof value === "number") return { literal: -value };
    if (scalar.operator === "!" && typeof value === "boolean") return { literal: !value };
    return undefined;
  }
  const evaluate = binary[scalar.operator];
  return evaluate && values.length === 2 ? { literal: evaluate(values[0] as never, values[1] as never) } : undefined;
}
