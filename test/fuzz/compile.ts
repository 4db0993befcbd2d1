import * as path from "node:path";
import ts from "typescript";
import { vmapTransformer } from "../../transformer/index";

/** What the transformer made of one generated file. */
export interface CompiledFile {
  readonly fileName: string;
  readonly source: string;
  /** The emitted CommonJS; undefined when emitting threw. */
  readonly javascript?: string;
  /** TypeScript's own errors for the file: the generator made an ill-typed program. */
  readonly typeErrors: readonly string[];
  /** tsvmap's diagnostics, as `TSVMAP<code> <message>`. */
  readonly diagnostics: readonly { readonly code: number; readonly message: string }[];
  /** What emitting threw, when it threw. */
  readonly crash?: string;
}

export const repositoryRoot = path.resolve(__dirname, "../..");

/** Where generated files live: two levels below fixtures/, like fixtures/fuzz-found/<hash>/input.ts. */
export const generatedDirectory = path.join(repositoryRoot, "fixtures", "fuzz-found", "in-memory");

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  skipLibCheck: true,
  ignoreDeprecations: "6.0",
  paths: {
    tsvmap: [path.join(repositoryRoot, "runtime/index.ts")],
    "tsvmap/runtime": [path.join(repositoryRoot, "runtime/batched/index.ts")],
  },
};

/**
 * Compiles generated files in process, many per `ts.Program`: the files live
 * in memory; TypeScript's lib and tsvmap's runtime sources are read from disk
 * once and their parsed source files shared by every program.
 */
export class BatchCompiler {
  private readonly shared = new Map<string, ts.SourceFile>();
  private readonly host = ts.createCompilerHost(compilerOptions);

  compile(sources: readonly { readonly fileName: string; readonly text: string }[]): CompiledFile[] {
    const texts = new Map(sources.map((source) => [source.fileName, source.text]));
    const base = this.host;
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (fileName) => texts.has(fileName) || base.fileExists(fileName),
      readFile: (fileName) => texts.get(fileName) ?? base.readFile(fileName),
      getSourceFile: (fileName, languageVersion) => {
        const text = texts.get(fileName);
        if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
        let file = this.shared.get(fileName);
        if (file === undefined) {
          file = base.getSourceFile(fileName, languageVersion);
          if (file !== undefined) this.shared.set(fileName, file);
        }
        return file;
      },
      writeFile: () => {},
    };
    const program = ts.createProgram([...texts.keys()], compilerOptions, host);
    let diagnostics: { code: number; message: string }[] = [];
    const transformer = vmapTransformer(program, {
      ts,
      addDiagnostic: (d) => void diagnostics.push({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") }),
    });
    return sources.map(({ fileName, text: source }) => {
      const sourceFile = program.getSourceFile(fileName)!;
      const typeErrors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
        (d) => `${d.start === undefined ? "" : `${sourceFile.getLineAndCharacterOfPosition(d.start).line + 1}: `}${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
      diagnostics = [];
      let javascript: string | undefined;
      try {
        program.emit(sourceFile, (name, text) => {
          if (name.endsWith(".js")) javascript = text;
        }, undefined, false, { before: [transformer] });
      } catch (error) {
        return { fileName, source, typeErrors, diagnostics, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      return { fileName, source, javascript, typeErrors, diagnostics };
    });
  }
}
