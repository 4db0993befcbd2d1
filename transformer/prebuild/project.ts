import * as path from "node:path";
import type * as ts from "typescript";

/** A program over a tsconfig.json, as `tsc -p` would build it, with the config's own errors. */
export interface LoadedProject {
  readonly configFile: string;
  readonly program: ts.Program;
  readonly configErrors: readonly ts.Diagnostic[];
}

/**
 * The tsconfig.json that `given` names (a file, or a directory holding one),
 * or the nearest one above `searchFrom` when nothing is given; undefined when
 * there is none.
 */
export function findConfigFile(tsModule: typeof ts, given: string | undefined, searchFrom: string): string | undefined {
  if (given === undefined) return tsModule.findConfigFile(path.resolve(searchFrom), tsModule.sys.fileExists);
  const resolved = path.resolve(given);
  if (tsModule.sys.directoryExists(resolved)) {
    const inside = path.join(resolved, "tsconfig.json");
    return tsModule.sys.fileExists(inside) ? inside : undefined;
  }
  return tsModule.sys.fileExists(resolved) ? resolved : undefined;
}

export function loadProject(tsModule: typeof ts, configFile: string): LoadedProject {
  const configErrors: ts.Diagnostic[] = [];
  const parsed = tsModule.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...tsModule.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  const program = tsModule.createProgram({
    rootNames: parsed?.fileNames ?? [],
    options: parsed?.options ?? {},
    projectReferences: parsed?.projectReferences,
  });
  return { configFile, program, configErrors: [...configErrors, ...(parsed?.errors ?? [])] };
}
