import type * as ts from "typescript";
import type { PerExampleFunction } from "../env";
import { unwrapExpression } from "./unwrap";

/**
 * Returns `resolveFunction` as `TransformEnv` documents it: the function an
 * expression names, if the transformer can read its body.
 *
 * Accepted: an inline arrow or function expression; a name bound to a function
 * declaration with a body, or to a `const` whose initialiser is again one of
 * these (`const f = (x) => x`, `const g = f`); the same reached through imports
 * and re-exports from other files of the program, including default exports and
 * members of a namespace import (`helpers.f`). A `let`/`var` binding may be
 * reassigned, and an ambient declaration has no body, so both resolve to
 * undefined.
 */
export function createFunctionResolver(
  tsModule: typeof ts,
  checker: ts.TypeChecker,
): (expr: ts.Expression) => PerExampleFunction | undefined {
  function symbolOf(expr: ts.Expression): ts.Symbol | undefined {
    if (tsModule.isIdentifier(expr)) return checker.getSymbolAtLocation(expr);
    if (tsModule.isPropertyAccessExpression(expr)) return checker.getSymbolAtLocation(expr.name);
    return undefined;
  }

  function isConst(declaration: ts.VariableDeclaration): boolean {
    return (tsModule.getCombinedNodeFlags(declaration) & tsModule.NodeFlags.Const) !== 0;
  }

  function resolve(expr: ts.Expression, visited: Set<ts.Symbol>): PerExampleFunction | undefined {
    const inner = unwrapExpression(tsModule, expr);
    if (tsModule.isArrowFunction(inner) || tsModule.isFunctionExpression(inner)) return inner;
    const symbol = symbolOf(inner);
    if (symbol === undefined) return undefined;
    const target = symbol.flags & tsModule.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    // `const a = b; const b = a;` is a type error, but must not hang the build.
    if (visited.has(target)) return undefined;
    visited.add(target);
    for (const declaration of target.declarations ?? []) {
      if (tsModule.isFunctionDeclaration(declaration) && declaration.body !== undefined) return declaration;
      if (tsModule.isVariableDeclaration(declaration) && isConst(declaration) && declaration.initializer !== undefined) {
        return resolve(declaration.initializer, visited);
      }
      if (tsModule.isExportAssignment(declaration) && !declaration.isExportEquals) {
        return resolve(declaration.expression, visited);
      }
    }
    return undefined;
  }

  return (expr) => resolve(expr, new Set());
}
