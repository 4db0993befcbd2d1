import ts from "typescript";
import { vmapTransformer } from "../../transformer/index";
import { createMemoryCompilerHost } from "./compiler-host";
import { globalsFile } from "./library-files";
import { virtualFiles } from "./virtual-files";

/** One diagnostic of the example, placed for the editor (lines and columns from 1). */
export interface PlaygroundDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

/** What the transformer made of the example. */
export interface Compilation {
  /** The example as the build emits it (ES module), vmap sites compiled. */
  readonly javascript: string;
  /** How many outermost vmap sites were compiled and how many refused. */
  readonly compiledSites: number;
  readonly refusedSites: number;
  /** TSVMAP refusals first, then TypeScript's own errors in the example. */
  readonly diagnostics: readonly PlaygroundDiagnostic[];
}

export const exampleFile = "/example.ts";

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  skipLibCheck: true,
};

const host = createMemoryCompilerHost();
let previousProgram: ts.Program | undefined;

/** Type-checks `source` as a module of its own and emits it through the real tsvmap transformer. */
export function compileExample(source: string): Compilation {
  virtualFiles.set(exampleFile, source);
  const program = ts.createProgram([exampleFile, globalsFile], compilerOptions, host, previousProgram);
  previousProgram = program;
  const sourceFile = program.getSourceFile(exampleFile)!;

  const refusals: ts.Diagnostic[] = [];
  let compiledSites = 0;
  let refusedSites = 0;
  let javascript = "";
  program.emit(
    sourceFile,
    (fileName, text) => {
      if (fileName.endsWith(".js")) javascript = text;
    },
    undefined,
    false,
    {
      before: [
        vmapTransformer(program, {
          ts,
          addDiagnostic: (diagnostic) => refusals.push(diagnostic),
          onSite: (site) => {
            if (site.replacement === undefined) refusedSites++;
            else compiledSites++;
          },
        }),
      ],
    },
  );
  const typeErrors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  return { javascript, compiledSites, refusedSites, diagnostics: [...refusals, ...typeErrors].map((d) => placed(sourceFile, d)) };
}

function placed(sourceFile: ts.SourceFile, diagnostic: ts.Diagnostic): PlaygroundDiagnostic {
  const start = diagnostic.start ?? 0;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  const code = diagnostic.source === "tsvmap" ? `TSVMAP${diagnostic.code}` : `TS${diagnostic.code}`;
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  return {
    code,
    message: text.startsWith(`${code}: `) ? text.slice(code.length + 2) : text,
    start,
    length: diagnostic.length ?? 0,
    line: line + 1,
    column: character + 1,
  };
}
