import type * as ts from "typescript";
import type { FileSystemProbes } from "./file-system-probes";

/**
 * One tsconfig's program, kept alive across a build and a dev session by a
 * TypeScript LanguageService. The bundler hands each file's current text to
 * `serve`; a file it has not handed over is read from disk. A text that
 * changed gets a new version, so the next `program()` re-parses and re-binds
 * only the files that changed.
 */
export interface ProjectHost {
  /** Makes `text` the content of `fileName` (a root of the program from now on). */
  serve(fileName: string, text: string): void;
  /** Forgets what is known of `fileName` (it changed on disk): the next program reads it again. */
  invalidate(fileName: string): void;
  /** The program over the current texts. */
  program(): ts.Program;
}

interface ScriptState {
  version: number;
  /** The bundler's text; undefined means "read from disk". */
  text: string | undefined;
}

/**
 * The parsed files that the projects of one build share (the lib files, above
 * all). As tsc does, it parses JSDoc only where it carries types (JS files),
 * which makes the lib files parse several times faster.
 */
export function createProjectRegistry(tsModule: typeof ts): ts.DocumentRegistry {
  return tsModule.createDocumentRegistry(tsModule.sys.useCaseSensitiveFileNames, undefined, tsModule.JSDocParsingMode.ParseForTypeErrors);
}

/**
 * A host over `rootFileNames` and whatever is served; `registry` comes from
 * `createProjectRegistry`. What it looks for on disk beyond the program's own
 * files (module resolution, type packages) goes through `probes`. A file
 * `knownSnapshot` has the text of is not read.
 */
export function createProjectHost(
  tsModule: typeof ts,
  options: ts.CompilerOptions,
  rootFileNames: readonly string[],
  currentDirectory: string,
  registry: ts.DocumentRegistry,
  probes: FileSystemProbes,
  knownSnapshot: (fileName: string) => ts.IScriptSnapshot | undefined = () => undefined,
): ProjectHost {
  const roots = new Set(rootFileNames);
  const scripts = new Map<string, ScriptState>();
  const stateOf = (fileName: string): ScriptState => {
    let state = scripts.get(fileName);
    if (state === undefined) scripts.set(fileName, (state = { version: 0, text: undefined }));
    return state;
  };

  const fileExists = probes.recordingAbsence(tsModule.sys.fileExists);
  const readFile = probes.recordingReads(tsModule.sys.readFile);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...roots],
    getScriptVersion: (fileName) => String(stateOf(fileName).version),
    getScriptSnapshot: (fileName) => {
      const served = stateOf(fileName).text;
      const known = served === undefined ? knownSnapshot(fileName) : undefined;
      if (known !== undefined) return known;
      const text = served ?? tsModule.sys.readFile(fileName);
      return text === undefined ? undefined : tsModule.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => currentDirectory,
    getDefaultLibFileName: (compilerOptions) => tsModule.getDefaultLibFilePath(compilerOptions),
    fileExists: (fileName) => scripts.get(fileName)?.text !== undefined || fileExists(fileName),
    readFile: (fileName) => scripts.get(fileName)?.text ?? readFile(fileName),
    readDirectory: tsModule.sys.readDirectory,
    directoryExists: probes.recordingAbsence(tsModule.sys.directoryExists),
    getDirectories: (directory) => {
      probes.recordListing(directory, false);
      return tsModule.sys.getDirectories(directory);
    },
    realpath: tsModule.sys.realpath,
    useCaseSensitiveFileNames: () => tsModule.sys.useCaseSensitiveFileNames,
    jsDocParsingMode: tsModule.JSDocParsingMode.ParseForTypeErrors,
  };
  const service = tsModule.createLanguageService(host, registry);

  return {
    serve(fileName, text) {
      roots.add(fileName);
      const state = stateOf(fileName);
      if (state.text === text) return;
      state.text = text;
      state.version++;
    },
    invalidate(fileName) {
      const state = scripts.get(fileName);
      if (state === undefined) return;
      state.text = undefined;
      state.version++;
    },
    program,
  };

  function program(): ts.Program {
    const current = service.getProgram();
    if (current === undefined) throw new Error("tsvmap: the TypeScript language service has no program");
    return current;
  }
}
