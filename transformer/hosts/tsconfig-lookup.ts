import * as path from "node:path";
import type * as ts from "typescript";
import type { FileSystemProbes } from "./file-system-probes";

/** The compiler options a file is built with, and the config they came from (undefined when no tsconfig.json was found). */
export interface ProjectConfig {
  readonly configFile: string | undefined;
  readonly options: ts.CompilerOptions;
  /** The files the config includes: the roots of its program. */
  readonly fileNames: readonly string[];
}

/** Used when no tsconfig.json is found above a file, as `tsvmap inspect` does. */
function defaultConfig(tsModule: typeof ts): ProjectConfig {
  return {
    configFile: undefined,
    options: {
      target: tsModule.ScriptTarget.ES2022,
      module: tsModule.ModuleKind.ESNext,
      moduleResolution: tsModule.ModuleResolutionKind.Bundler,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
    },
    fileNames: [],
  };
}

/**
 * Finds the config a file belongs to: `explicitConfig` when given, else the
 * nearest tsconfig.json above the file. A solution-style config (vite's
 * template: `files: []` and `references`) hands the file to the referenced
 * project that includes it. Parsed configs are cached by path. Every config
 * read on the way (the solution's own, those it extends), every place a
 * config was looked for in vain and every directory an `include` walks go
 * through `probes`: a change to any of them can hand the file to other options.
 */
export function createConfigLookup(tsModule: typeof ts, explicitConfig: string | undefined, probes: FileSystemProbes): (fileName: string) => ProjectConfig {
  const parsedByPath = new Map<string, ts.ParsedCommandLine | undefined>();
  const fallback = defaultConfig(tsModule);
  const fileExists = probes.recordingAbsence(tsModule.sys.fileExists);
  const host: ts.ParseConfigFileHost = {
    ...tsModule.sys,
    fileExists,
    readFile: probes.recordingReads(tsModule.sys.readFile),
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  };

  function parse(configFile: string): ts.ParsedCommandLine | undefined {
    if (!parsedByPath.has(configFile)) {
      const parsed = tsModule.getParsedCommandLineOfConfigFile(configFile, undefined, host);
      for (const [directory, flags] of Object.entries(parsed?.wildcardDirectories ?? {})) {
        probes.recordListing(directory, (flags & tsModule.WatchDirectoryFlags.Recursive) !== 0);
      }
      parsedByPath.set(configFile, parsed);
    }
    return parsedByPath.get(configFile);
  }

  function owning(configFile: string, fileName: string, seen: Set<string>): ProjectConfig | undefined {
    if (seen.has(configFile)) return undefined;
    seen.add(configFile);
    const parsed = parse(configFile);
    if (parsed === undefined) return undefined;
    if (parsed.fileNames.includes(fileName)) return { configFile, options: parsed.options, fileNames: parsed.fileNames };
    for (const reference of parsed.projectReferences ?? []) {
      const found = owning(tsModule.resolveProjectReferencePath(reference), fileName, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  return (fileName) => {
    const configFile = explicitConfig === undefined ? tsModule.findConfigFile(path.dirname(fileName), fileExists) : path.resolve(explicitConfig);
    if (configFile === undefined) return fallback;
    const parsed = parse(configFile);
    if (parsed === undefined) return fallback;
    // A file outside every `include` still takes the options of the config above it.
    return owning(configFile, fileName, new Set()) ?? { configFile, options: parsed.options, fileNames: parsed.fileNames };
  };
}
