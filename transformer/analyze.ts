import type * as ts from "typescript";
import { type OnUnsupported, vmapTransformer, type VmapSite } from "./index";

/** One outermost `vmap(...)` call and the code that replaces it, printed; undefined when the site was refused. */
export interface AnalyzedSite {
  readonly call: ts.CallExpression;
  readonly code: string | undefined;
  /** Why the site was refused (a warning when it runs as `vmap.reference`); its place may be in another file, where the per-example function is. */
  readonly refusal: ts.Diagnostic | undefined;
}

/** What the transformer made of one file's `vmap(...)` call sites, without emitting anything. */
export interface FileAnalysis {
  readonly sites: readonly AnalyzedSite[];
  /** One TSVMAP diagnostic per refused site: an error, or under `onUnsupported: "reference"` a warning. */
  readonly diagnostics: readonly ts.Diagnostic[];
}

/** Prints a site's replacement; called while the transformation that made it is still alive. */
export type PrintReplacement = (replacement: ts.Expression, sourceFile: ts.SourceFile) => string;

/** How `analyzeFile` prints replacements, and what a refused site becomes. */
export interface AnalysisOptions {
  readonly print?: PrintReplacement;
  /** Under `"reference"` a refusal is a warning and its site has no code: it runs as `vmap.reference`. */
  readonly onUnsupported?: OnUnsupported;
}

/**
 * Runs the transformer over `sourceFile` of `program` through `ts.transform`,
 * which needs no emit settings: the prebuild, `tsvmap check` and the editor
 * plugin want the sites and refusals, not JavaScript.
 */
export function analyzeFile(
  tsModule: typeof ts,
  program: ts.Program,
  sourceFile: ts.SourceFile,
  { print = printExpression(tsModule), onUnsupported }: AnalysisOptions = {},
): FileAnalysis {
  const replaced: { site: VmapSite; refusal: ts.Diagnostic | undefined }[] = [];
  const diagnostics: ts.Diagnostic[] = [];
  // A site's refusal is reported just before the site itself is.
  let refusal: ts.Diagnostic | undefined;
  const transformer = vmapTransformer(program, {
    ts: tsModule,
    onUnsupported,
    addDiagnostic: (diagnostic) => {
      diagnostics.push(diagnostic);
      refusal = diagnostic;
    },
    onSite: (site) => {
      replaced.push({ site, refusal });
      refusal = undefined;
    },
  });
  const result = tsModule.transform(sourceFile, [transformer], program.getCompilerOptions());
  try {
    const sites = replaced.map(({ site: { call, replacement }, refusal }) => ({
      call,
      code: replacement && print(replacement, sourceFile),
      refusal,
    }));
    return { sites, diagnostics };
  } finally {
    // Leaves the program's own nodes as they were, for the editor's later emits.
    result.dispose();
  }
}

/** The replacement as the transformer built it. */
export function printExpression(tsModule: typeof ts): PrintReplacement {
  const printer = tsModule.createPrinter();
  return (replacement, sourceFile) => printer.printNode(tsModule.EmitHint.Expression, replacement, sourceFile);
}

/** The files of `program` a user wrote: neither declarations nor installed packages. */
export function userSourceFiles(program: ts.Program): readonly ts.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file));
}
