import type * as ts from "typescript";
import { createPackageNameLookup } from "./package-name";
import { unwrapExpression } from "./unwrap";

/** The npm name of the package whose `vmap` and `np` the transformer rewrites. */
const tsvmapPackageName = "tsvmap";

/** Recognises tsvmap's own `vmap` and `np` ops by symbol, never by the name at the use site. */
export interface TsvmapSymbols {
  /** True when `call` calls tsvmap's `vmap` (`vmap(f)`, `vm(f)` after `import { vmap as vm }`, `tv.vmap(f)`). */
  isVmapCall(call: ts.CallExpression): boolean;
  /**
   * The op's exported name when `expr` is one of tsvmap's `np` ops (`np.sum`, `tv.np.sum`), prefixed with its
   * namespace for those of `np.linalg` (`linalg.norm`); else undefined.
   */
  npOpName(expr: ts.Expression): string | undefined;
}

/**
 * A name denotes tsvmap's `vmap` (or `np`) when its alias chain (imports,
 * re-exports, members of a namespace import) reaches a declaration inside the
 * package named `tsvmap` that is itself called `vmap` (or `np`). The first
 * declaration inside the package decides, so the package may rename things
 * internally; a user's own function called `vmap` never reaches the package.
 * "Inside the package" means the file's nearest package.json is named
 * `tsvmap`, which holds both for tsvmap's sources in its own repository and for
 * its `.d.ts` files installed under node_modules.
 */
export function createTsvmapSymbols(tsModule: typeof ts, checker: ts.TypeChecker): TsvmapSymbols {
  const packageNameOf = createPackageNameLookup();

  function declaredInTsvmap(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some(
      (declaration) => packageNameOf(declaration.getSourceFile().fileName) === tsvmapPackageName,
    );
  }

  /** The name `symbol` has where its alias chain enters tsvmap, or undefined if it never does. */
  function tsvmapName(symbol: ts.Symbol): string | undefined {
    const visited = new Set<ts.Symbol>();
    let current: ts.Symbol | undefined = symbol;
    while (current !== undefined && !visited.has(current)) {
      if (declaredInTsvmap(current)) return current.name;
      visited.add(current);
      current = current.flags & tsModule.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(current) : undefined;
    }
    return undefined;
  }

  function symbolOf(expr: ts.Expression): ts.Symbol | undefined {
    const inner = unwrapExpression(tsModule, expr);
    if (tsModule.isIdentifier(inner)) return checker.getSymbolAtLocation(inner);
    if (tsModule.isPropertyAccessExpression(inner)) return checker.getSymbolAtLocation(inner.name);
    return undefined;
  }

  function tsvmapNameOf(expr: ts.Expression): string | undefined {
    const symbol = symbolOf(expr);
    return symbol === undefined ? undefined : tsvmapName(symbol);
  }

  return {
    isVmapCall: (call) => tsvmapNameOf(call.expression) === "vmap",
    npOpName(expr) {
      const inner = unwrapExpression(tsModule, expr);
      if (!tsModule.isPropertyAccessExpression(inner)) return undefined;
      const owner = unwrapExpression(tsModule, inner.expression);
      if (tsvmapNameOf(owner) === "np") return tsvmapNameOf(inner);
      const isLinalg = tsModule.isPropertyAccessExpression(owner) && tsvmapNameOf(owner) === "linalg" && tsvmapNameOf(owner.expression) === "np";
      return isLinalg ? `linalg.${tsvmapNameOf(inner)}` : undefined;
    },
  };
}
