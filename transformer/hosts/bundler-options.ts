import type * as ts from "typescript";

/**
 * The user's compiler options, changed only where a bundler needs it: ES
 * modules (the bundler resolves and links the `import`s), at least ES2022 (the
 * bundler's own loader lowers further), one file's JavaScript and source map
 * returned in memory. Class-field semantics stay those of the user's target,
 * and jsx, decorators and every other emit setting are the user's.
 */
export function bundlerOptions(tsModule: typeof ts, user: ts.CompilerOptions): ts.CompilerOptions {
  const { ModuleKind, ModuleResolutionKind, ScriptTarget } = tsModule;
  // TypeScript 6's defaults (no `target`: a modern one; no `moduleResolution`: bundler) need no change.
  const { target } = user;
  const esModules = user.module !== undefined && user.module >= ModuleKind.ES2015 && user.module <= ModuleKind.ESNext;
  const nodeResolution = user.moduleResolution === ModuleResolutionKind.Node16 || user.moduleResolution === ModuleResolutionKind.NodeNext;
  return {
    ...user,
    module: esModules || user.module === ModuleKind.Preserve ? user.module : ModuleKind.ESNext,
    // Node's resolution modes require `module: node*`; for ES modules it resolves as a bundler does.
    moduleResolution: nodeResolution ? ModuleResolutionKind.Bundler : user.moduleResolution,
    target: target === undefined ? undefined : Math.max(target, ScriptTarget.ES2022),
    useDefineForClassFields: user.useDefineForClassFields ?? (target === undefined || target >= ScriptTarget.ES2022),
    noEmit: false,
    emitDeclarationOnly: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: true,
    sourceRoot: undefined,
    mapRoot: undefined,
    outDir: undefined,
    outFile: undefined,
    rootDir: undefined,
    declarationDir: undefined,
    noEmitOnError: false,
  };
}
