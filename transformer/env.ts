import type * as ts from "typescript";

/** A function declaration the transformer can read the body of. */
export type PerExampleFunction = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

/** What a name or expression in call position stands for: a readable function, or a vmapped one. */
export type Callee = { readonly fn: PerExampleFunction } | { readonly vmapCall: ts.CallExpression };

/**
 * What the call-site side (`transformers/`) hands the code generator. The code
 * generator never imports `typescript` for values: it uses `ts` from here, so
 * it works with whichever TypeScript instance the host compiler loaded.
 */
export interface TransformEnv {
  readonly ts: typeof ts;
  readonly checker: ts.TypeChecker;
  readonly factory: ts.NodeFactory;
  /** A fresh reference to this file's namespace import of `tsvmap/runtime`. */
  runtime(): ts.Expression;
  /** True when `call` calls tsvmap's own `vmap`, however it was imported. */
  isVmapCall(call: ts.CallExpression): boolean;
  /** The op name when `expr` denotes one of tsvmap's `np` ops (`np.sum`, `tv.np.sum`), else undefined. */
  npOpName(expr: ts.Expression): string | undefined;
  /**
   * The function or `vmap(...)` call `expr` names: inline, a local function or
   * `const` bound to one, or one imported from another file of the program.
   * Undefined when it is none of these.
   */
  resolveCallee(expr: ts.Expression): Callee | undefined;
}
