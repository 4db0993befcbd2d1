import type * as ts from "typescript";
import type { PrimName } from "../prims";
import type { LowerContext } from "./context";

/** `Math` functions vmap batches, and the primitive each lowers to. JS rounding and `%` differ from numpy's, so they get their own. */
export const mathPrims = new Map<string, PrimName>([
  ["abs", "abs"], ["sign", "sign"], ["sqrt", "sqrt"], ["exp", "exp"], ["log", "log"],
  ["log1p", "log1p"], ["expm1", "expm1"], ["sin", "sin"], ["cos", "cos"], ["tan", "tan"],
  ["tanh", "tanh"], ["floor", "floor"], ["ceil", "ceil"], ["round", "jsRound"], ["trunc", "trunc"],
  ["pow", "pow"], ["max", "maximum"], ["min", "minimum"],
]);

/** True when `node` is the global `Math`, not a user value of that name. */
export function isMathGlobal(cx: LowerContext, node: ts.Expression): boolean {
  if (!cx.ts.isIdentifier(node) || node.text !== "Math") return false;
  const declarations = cx.checker.getSymbolAtLocation(node)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isStandardLibrary(declaration.getSourceFile()));
}

/** TypeScript's own `lib.*.d.ts` files, where the global `Math` is declared. */
function isStandardLibrary(file: ts.SourceFile): boolean {
  return file.isDeclarationFile && /(^|[\\/])lib\.[\w.]+\.d\.ts$/.test(file.fileName);
}
