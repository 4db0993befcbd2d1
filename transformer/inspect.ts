import * as path from "node:path";
import ts from "typescript";
import { vmapTransformer, type VmapSite } from "./index";

/** What `tsvmap inspect` shows for one file. */
export interface Inspection {
  /** The JavaScript emitted for the file, as the build would write it. */
  readonly javascript: string;
  /**
   * The code that replaced each outermost vmap site, in source order, as the
   * transformer produced it (before TypeScript's own lowering); undefined for
   * a refused site.
   */
  readonly sites: readonly (string | undefined)[];
  /** Configuration, type and tsvmap errors that concern the file. */
  readonly diagnostics: readonly ts.Diagnostic[];
}

/** Used when no tsconfig.json is found above the file: modern output that reads well. */
const defaultOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
};

/** Settings of the user's build that would write files or other outputs; inspect only prints the JavaScript. */
const printOnly: ts.CompilerOptions = {
  noEmit: false,
  emitDeclarationOnly: false,
  declaration: false,
  declarationMap: false,
  sourceMap: false,
  inlineSourceMap: false,
  composite: false,
  incremental: false,
  outDir: undefined,
  rootDir: undefined,
  outFile: undefined,
  declarationDir: undefined,
  tsBuildInfoFile: undefined,
  noEmitOnError: false,
};

/** Compiles `fileName` alone, with the nearest tsconfig.json's options, through the tsvmap transformer. */
export function inspectFile(fileName: string): Inspection {
  const file = path.resolve(fileName);
  const { options, configErrors } = optionsFor(file);
  const program = ts.createProgram([file], { ...options, ...printOnly });
  const sourceFile = program.getSourceFile(file);
  if (sourceFile === undefined) throw new Error(`${fileName}: not a TypeScript or JavaScript file the compiler can read`);

  const refusals: ts.Diagnostic[] = [];
  const replaced: VmapSite[] = [];
  let javascript = "";
  program.emit(
    sourceFile,
    (outputName, text) => {
      if (/\.[cm]?js$/.test(outputName)) javascript = text;
    },
    undefined,
    false,
    { before: [vmapTransformer(program, { ts, addDiagnostic: (d) => refusals.push(d), onSite: (site) => replaced.push(site) })] },
  );

  const printer = ts.createPrinter();
  return {
    javascript,
    sites: replaced.map((site) => site.replacement && printer.printNode(ts.EmitHint.Expression, site.replacement, sourceFile)),
    diagnostics: [...configErrors, ...ts.getPreEmitDiagnostics(program, sourceFile), ...refusals],
  };
}

/** TS18003 "No inputs were found in config file": harmless here, the file is given explicitly. */
const noInputsCode = 18003;

function optionsFor(file: string): { options: ts.CompilerOptions; configErrors: readonly ts.Diagnostic[] } {
  const configFile = ts.findConfigFile(path.dirname(file), ts.sys.fileExists);
  if (configFile === undefined) return { options: defaultOptions, configErrors: [] };
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d),
  });
  if (parsed === undefined) return { options: defaultOptions, configErrors };
  // A config whose `include` does not cover the file is still the right source of its options.
  const relevant = parsed.errors.filter((d) => d.code !== noInputsCode);
  return { options: parsed.options, configErrors: relevant };
}
