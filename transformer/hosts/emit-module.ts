import * as path from "node:path";
import type * as ts from "typescript";
import { vmapTransformer, type VmapTransformerOptions } from "../index";

/** The transformer options a bundler's config may set (plain data: they cross to the worker thread). */
export type ForwardedOptions = Readonly<Record<string, unknown>>;

/** A source map in the form bundlers take (version 3, sources as absolute paths, with their text). */
export interface ModuleSourceMap {
  readonly version: number;
  readonly file?: string;
  readonly sources: string[];
  readonly sourcesContent?: (string | null)[];
  readonly names: string[];
  readonly mappings: string;
}

/** One module compiled for a bundler. */
export interface EmittedModule {
  readonly code: string;
  readonly map: ModuleSourceMap;
  /** How many outermost `vmap` sites the file has, compiled or refused. */
  readonly sites: number;
  /** The TSVMAP diagnostics of the file's call sites. */
  readonly diagnostics: readonly ts.Diagnostic[];
}

const sourceMappingComment = /\n?\/\/# sourceMappingURL=\S+\s*$/;

/**
 * Emits `sourceFile` of `program` (whose options are `bundlerOptions`) with
 * the tsvmap transformer ahead of TypeScript's own, in memory: the JavaScript
 * with its `vmap` sites compiled, and a map whose one source is the original
 * file (and, for code inlined from another file, that one), so the bundler
 * chains it to the user's code. `forwarded` goes to the transformer as it is.
 */
export function emitModule(tsModule: typeof ts, program: ts.Program, sourceFile: ts.SourceFile, forwarded: ForwardedOptions = {}): EmittedModule {
  const diagnostics: ts.Diagnostic[] = [];
  let sites = 0;
  let code: string | undefined;
  let mapText: string | undefined;
  program.emit(
    sourceFile,
    (outputName, text) => {
      if (outputName.endsWith(".map")) mapText = text;
      else if (/\.[cm]?jsx?$/.test(outputName)) code = text;
    },
    undefined,
    false,
    {
      before: [
        vmapTransformer(program, {
          ...(forwarded as VmapTransformerOptions),
          ts: tsModule,
          addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
          onSite: () => sites++,
        }),
      ],
    },
  );
  if (code === undefined || mapText === undefined) throw new Error(`tsvmap: TypeScript emitted no JavaScript for ${sourceFile.fileName}`);
  const map = JSON.parse(mapText) as ModuleSourceMap;
  // Sources are relative to the emitted file, which sits beside the source; code inlined from another file maps there.
  const sources = map.sources.map((source) => path.resolve(path.dirname(sourceFile.fileName), source).replace(/\\/g, "/"));
  return {
    code: code.replace(sourceMappingComment, ""),
    map: { ...map, sources, sourcesContent: sources.map((source) => program.getSourceFile(source)?.text ?? null) },
    sites,
    diagnostics,
  };
}
