import type * as ts from "typescript";
import type { Callee } from "../env";
import { unwrapExpression } from "./unwrap";

/**
 * Returns `resolveCallee` as `TransformEnv` documents it: the function, or the
 * `vmap(...)` call, that an expression names, if the transformer can read it.
 *
 * Accepted: an inline arrow, function expression or `vmap(...)` call; a name
 * bound to a function declaration with a body, or to a `const` whose
 * initialiser is again one of these (`const f = (x) => x`, `const g = f`,
 * `const mv = vmap(f)`); the same reached through imports and re-exports from
 * other files of the program, including default exports and members of a
 * namespace import (`helpers.f`). A `let`/`var` binding may be reassigned, and
 * an ambient declaration has no body, so both resolve to undefined.
 */
export function createCalleeResolver(
  tsModule: typeof ts,
  checker: ts.TypeChecker,
  isVmapCall: (call: ts.CallExpression) => boolean,
): (expr: ts.Expression) => Callee | undefined {
  function symbolOf(expr: ts.Expression): ts.Symbol | undefined {
    if (tsModule.isIdentifier(expr)) return checker.getSymbolAtLocation(expr);
    if (tsModule.isPropertyAccessExpression(expr)) return checker.getSymbolAtLocation(expr.name);
    return undefined;
  }

  function isConst(declaration: ts.VariableDeclaration): boolean {
    return (tsModule.getCombinedNodeFlags(declaration) & tsModule.NodeFlags.Const) !== 0;
  }

  function resolve(expr: ts.Expression, visited: Set<ts.Symbol>): Callee | undefined {
    const inner = unwrapExpression(tsModule, expr);
    if (tsModule.isArrowFunction(inner) || tsModule.isFunctionExpression(inner)) return { fn: inner };
    if (tsModule.isCallExpression(inner)) return isVmapCall(inner) ? { vmapCall: inner } : undefined;
    const symbol = symbolOf(inner);
    if (symbol === undefined) return undefined;
    const target = symbol.flags & tsModule.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    // `const a = b; const b = a;` is a type error, but must not hang the build.
    if (visited.has(target)) return undefined;
    visited.add(target);
    for (const declaration of target.declarations ?? []) {
      if (tsModule.isFunctionDeclaration(declaration) && declaration.body !== undefined) return { fn: declaration };
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
