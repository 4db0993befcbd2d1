import type * as ts from "typescript";
import type { PrimName } from "../prims";
import type { LowerContext } from "./context";

/**
 * `Math` functions vmap batches, and the primitive each lowers to: every one
 * that takes and gives numbers. JS rounding, `%` and `Math.sign(-0)` differ
 * from numpy's, so they get their own.
 */
export const mathPrims = new Map<string, PrimName>([
  ["abs", "abs"], ["sign", "jsSign"], ["sqrt", "sqrt"], ["cbrt", "cbrt"], ["exp", "exp"], ["expm1", "expm1"],
  ["log", "log"], ["log1p", "log1p"], ["log2", "log2"], ["log10", "log10"],
  ["sin", "sin"], ["cos", "cos"], ["tan", "tan"], ["asin", "asin"], ["acos", "acos"], ["atan", "atan"], ["atan2", "atan2"],
  ["sinh", "sinh"], ["cosh", "cosh"], ["tanh", "tanh"], ["asinh", "asinh"], ["acosh", "acosh"], ["atanh", "atanh"],
  ["floor", "floor"], ["ceil", "ceil"], ["round", "jsRound"], ["trunc", "trunc"], ["fround", "fround"],
  ["pow", "pow"], ["hypot", "hypot"], ["max", "maximum"], ["min", "minimum"],
]);

/** The `Number` functions on numbers: tests that give booleans. */
export const numberPrims = new Map<string, PrimName>([["isNaN", "isNaN"], ["isFinite", "isFinite"], ["isInteger", "isInteger"]]);

/** True when `node` is the global `Math`, not a user value of that name. */
export function isMathGlobal(cx: LowerContext, node: ts.Expression): boolean {
  return isStandardGlobal(cx, node, "Math");
}

/** True when `node` is the global `Number`. */
export function isNumberGlobal(cx: LowerContext, node: ts.Expression): boolean {
  return isStandardGlobal(cx, node, "Number");
}

/** True when `node` is JS's own global `name` (`Math`, `Infinity`), not a local of that name. */
export function isStandardGlobal(cx: LowerContext, node: ts.Expression, name: string): boolean {
  if (!cx.ts.isIdentifier(node) || node.text !== name) return false;
  const declarations = cx.checker.getSymbolAtLocation(node)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isStandardLibrary(declaration.getSourceFile()));
}

/** TypeScript's own `lib.*.d.ts` files, where the global `Math` is declared. */
function isStandardLibrary(file: ts.SourceFile): boolean {
  return file.isDeclarationFile && /(^|[\\/])lib\.[\w.]+\.d\.ts$/.test(file.fileName);
}
