import type * as ts from "typescript";
import { compileVmapCall } from "./compile";
import { formatDiagnostic } from "./format-diagnostic";
import { rewriteVmapSites, type VmapSite } from "./transformers/file";
import { createFunctionResolver } from "./transformers/resolve";
import { createTsvmapSymbols } from "./transformers/symbols";

export type { VmapSite } from "./transformers/file";

/** How `vmapTransformer` reports and which TypeScript it works with. */
export interface VmapTransformerOptions {
  /**
   * The TypeScript module that created `program`. Defaults to
   * `require("typescript")`; pass it whenever the program comes from another
   * instance (ts-patch, ts-morph's bundled compiler), since nodes of one
   * instance are not understood by another.
   */
  readonly ts?: typeof ts;
  /**
   * Receives each refused call site as an error diagnostic (code
   * `TSVMAP<number>`, at the offending node); the site is then emitted as
   * written. Without this callback, the transformer throws a
   * `VmapTransformError` listing the file's diagnostics as soon as that file is
   * transformed, so a refusal is never lost.
   */
  readonly addDiagnostic?: (diagnostic: ts.Diagnostic) => void;
  /** Sees each outermost `vmap(...)` site, in source order, with its replacement (undefined when refused). */
  readonly onSite?: (site: VmapSite) => void;
}

/** Thrown by a `vmapTransformer` that has no `addDiagnostic` callback when a file has refused sites. */
export class VmapTransformError extends Error {
  constructor(
    tsModule: typeof ts,
    readonly diagnostics: readonly ts.Diagnostic[],
  ) {
    super(`tsvmap refused ${diagnostics.length} vmap call site(s):\n${diagnostics.map((d) => formatDiagnostic(tsModule, d)).join("\n")}`);
    this.name = "VmapTransformError";
  }
}

/**
 * The transformer for `program.emit(undefined, undefined, undefined, false,
 * { before: [vmapTransformer(program)] })`: each tsvmap `vmap(...)` call
 * becomes batched, loop-free code over `tsvmap/runtime`.
 */
export function vmapTransformer(program: ts.Program, options: VmapTransformerOptions = {}): ts.TransformerFactory<ts.SourceFile> {
  const tsModule = options.ts ?? (require("typescript") as typeof ts);
  const checker = program.getTypeChecker();
  const refusals: ts.Diagnostic[] = [];
  const rewrite = rewriteVmapSites({
    ts: tsModule,
    checker,
    symbols: createTsvmapSymbols(tsModule, checker),
    resolveFunction: createFunctionResolver(tsModule, checker),
    compileSite: compileVmapCall,
    report: options.addDiagnostic ?? ((diagnostic) => refusals.push(diagnostic)),
    onSite: options.onSite,
  });
  if (options.addDiagnostic !== undefined) return rewrite;
  return (context) => {
    const transformFile = rewrite(context);
    return (sourceFile) => {
      const transformed = transformFile(sourceFile);
      if (refusals.length > 0) throw new VmapTransformError(tsModule, refusals.splice(0));
      return transformed;
    };
  };
}

/** What ts-patch hands a transformer of the default `program` type, as far as tsvmap uses it. */
export interface TsPatchExtras {
  readonly ts: typeof ts;
  readonly addDiagnostic: (diagnostic: ts.Diagnostic) => unknown;
}

/**
 * The ts-patch entry (`{ "transform": "tsvmap/transformer" }`). Refusals
 * become error diagnostics of the build, so `tspc` reports them and fails.
 */
export default function tsvmapPlugin(program: ts.Program, _pluginConfig: unknown, extras: TsPatchExtras): ts.TransformerFactory<ts.SourceFile> {
  return vmapTransformer(program, {
    ts: extras.ts,
    addDiagnostic: (diagnostic) => {
      extras.addDiagnostic(diagnostic);
    },
  });
}
