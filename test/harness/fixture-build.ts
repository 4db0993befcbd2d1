import ts from "typescript";
import { vmapTransformer, type VmapSite } from "../../transformer/index";

/** One file as the transformer emitted it. */
export interface EmittedFile {
  readonly javascript: string;
  /** tsvmap's diagnostics for the file's sites (TypeScript's own are in `preEmitDiagnostics`). */
  readonly diagnostics: readonly ts.Diagnostic[];
  /** The file's outermost vmap sites in source order, with what replaced each. */
  readonly sites: readonly VmapSite[];
}

/** One program over every fixture; files are emitted on demand, each once. */
export interface FixtureBuild {
  /** Errors of the configuration and of type-checking, over all fixtures. The harness requires none. */
  readonly preEmitDiagnostics: readonly ts.Diagnostic[];
  /** Emits `fileName` (absolute) as CommonJS through `vmapTransformer`. */
  emit(fileName: string): EmittedFile;
}

/**
 * Builds the program that `configFile` (fixtures/tsconfig.json) describes: it
 * maps `tsvmap` and `tsvmap/runtime` to the runtime sources, so fixtures run
 * against the code under test without a build. Emission is forced on,
 * CommonJS, and without source maps so that snapshots hold only code.
 */
export function buildFixtures(configFile: string): FixtureBuild {
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  if (parsed === undefined) {
    throw new Error(`cannot read ${configFile}: ${configErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
  }
  const program = ts.createProgram(parsed.fileNames, {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    noEmit: false,
    sourceMap: false,
    inlineSourceMap: false,
    declaration: false,
  });
  const emitted = new Map<string, EmittedFile>();

  function emitFile(fileName: string): EmittedFile {
    const sourceFile = program.getSourceFile(fileName);
    if (sourceFile === undefined) throw new Error(`${fileName} is not part of the fixture program (${configFile})`);
    const diagnostics: ts.Diagnostic[] = [];
    const sites: VmapSite[] = [];
    let javascript: string | undefined;
    const transformer = vmapTransformer(program, {
      ts,
      addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
      onSite: (site) => sites.push(site),
    });
    program.emit(
      sourceFile,
      (outputName, text) => {
        if (outputName.endsWith(".js")) javascript = text;
      },
      undefined,
      false,
      { before: [transformer] },
    );
    if (javascript === undefined) throw new Error(`TypeScript emitted no JavaScript for ${fileName}`);
    return { javascript, diagnostics, sites };
  }

  return {
    preEmitDiagnostics: [...configErrors, ...parsed.errors, ...ts.getPreEmitDiagnostics(program)],
    emit(fileName) {
      let file = emitted.get(fileName);
      if (file === undefined) emitted.set(fileName, (file = emitFile(fileName)));
      return file;
    },
  };
}
