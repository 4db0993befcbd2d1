import type * as ts from "typescript";
import { compileVmapCall } from "./compile";
import { formatDiagnostic } from "./format-diagnostic";
import { readOnUnsupported } from "./on-unsupported";
import { type OnUnsupported, rewriteVmapSites, type VmapSite } from "./transformers/file";
import { createCalleeResolver } from "./transformers/resolve";
import { createTsvmapSymbols } from "./transformers/symbols";

export type { OnUnsupported, VmapSite } from "./transformers/file";

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
  /**
   * What a refused site becomes. `"error"` (the default): an error diagnostic,
   * and the site stays as written. `"reference"`: a warning diagnostic, and the
   * site becomes `vmap.reference(...)` with the same arguments, so a project can
   * adopt tsvmap gradually. Either way every other site is still compiled.
   */
  readonly onUnsupported?: OnUnsupported;
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
  const reportWithoutCallback = (diagnostic: ts.Diagnostic) => {
    if (diagnostic.category === tsModule.DiagnosticCategory.Error) refusals.push(diagnostic);
    else console.warn(formatDiagnostic(tsModule, diagnostic));
  };
  const symbols = createTsvmapSymbols(tsModule, checker);
  const rewrite = rewriteVmapSites({
    ts: tsModule,
    checker,
    symbols,
    resolveCallee: createCalleeResolver(tsModule, checker, symbols.isVmapCall),
    compileSite: compileVmapCall,
    report: options.addDiagnostic ?? ((diagnostic) => reportWithoutCallback(diagnostic)),
    onSite: options.onSite,
    onUnsupported: options.onUnsupported ?? "error",
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

/** The plugin's entry in tsconfig: `{ "transform": "tsvmap/transformer", "onUnsupported": "reference" }`. */
export interface TsvmapPluginConfig {
  readonly onUnsupported?: OnUnsupported;
}

/**
 * The ts-patch entry (`{ "transform": "tsvmap/transformer" }`). Refusals
 * become error diagnostics of the build, so `tspc` reports them and fails;
 * every other site is still compiled and emitted. Under `onUnsupported:
 * "reference"` a refusal is a warning on stderr instead (any diagnostic given
 * to ts-patch, even a warning, would fail the build) and the site runs as
 * `vmap.reference`.
 */
export default function tsvmapPlugin(program: ts.Program, pluginConfig: TsvmapPluginConfig | undefined, extras: TsPatchExtras): ts.TransformerFactory<ts.SourceFile> {
  const onUnsupported = readOnUnsupported(pluginConfig?.onUnsupported, "the plugin option onUnsupported");
  return vmapTransformer(program, {
    ts: extras.ts,
    onUnsupported,
    addDiagnostic: (diagnostic) => {
      if (diagnostic.category === extras.ts.DiagnosticCategory.Error) extras.addDiagnostic(diagnostic);
      else process.stderr.write(`${formatDiagnostic(extras.ts, diagnostic, process.cwd())}\n`);
    },
  });
}
