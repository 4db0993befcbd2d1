import * as path from "node:path";
import type * as ts from "typescript";

/** The compiler options a file is built with, and the config they came from (undefined when no tsconfig.json was found). */
export interface ProjectConfig {
  readonly configFile: string | undefined;
  readonly options: ts.CompilerOptions;
  /** The files the config includes: the roots of its program. */
  readonly fileNames: readonly string[];
  /** The config file and every one it extends. */
  readonly configFiles: readonly string[];
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
    configFiles: [],
  };
}

/**
 * Finds the config a file belongs to: `explicitConfig` when given, else the
 * nearest tsconfig.json above the file. A solution-style config (vite's
 * template: `files: []` and `references`) hands the file to the referenced
 * project that includes it. Parsed configs are cached by path.
 */
export function createConfigLookup(tsModule: typeof ts, explicitConfig: string | undefined): (fileName: string) => ProjectConfig {
  const parsedByPath = new Map<string, ts.ParsedCommandLine | undefined>();
  const fallback = defaultConfig(tsModule);

  function parse(configFile: string): ts.ParsedCommandLine | undefined {
    if (!parsedByPath.has(configFile)) {
      const host = { ...tsModule.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
      parsedByPath.set(configFile, tsModule.getParsedCommandLineOfConfigFile(configFile, undefined, host));
    }
    return parsedByPath.get(configFile);
  }

  function owning(configFile: string, fileName: string, seen: Set<string>): ProjectConfig | undefined {
    if (seen.has(configFile)) return undefined;
    seen.add(configFile);
    const parsed = parse(configFile);
    if (parsed === undefined) return undefined;
    if (parsed.fileNames.includes(fileName)) return { configFile, options: parsed.options, fileNames: parsed.fileNames, configFiles: configFilesOf(configFile, parsed) };
    for (const reference of parsed.projectReferences ?? []) {
      const found = owning(tsModule.resolveProjectReferencePath(reference), fileName, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  return (fileName) => {
    const configFile = explicitConfig === undefined ? tsModule.findConfigFile(path.dirname(fileName), tsModule.sys.fileExists) : path.resolve(explicitConfig);
    if (configFile === undefined) return fallback;
    const parsed = parse(configFile);
    if (parsed === undefined) return fallback;
    // A file outside every `include` still takes the options of the config above it.
    return owning(configFile, fileName, new Set()) ?? { configFile, options: parsed.options, fileNames: parsed.fileNames, configFiles: configFilesOf(configFile, parsed) };
  };
}

function configFilesOf(configFile: string, parsed: ts.ParsedCommandLine): string[] {
  // TypeScript keeps the parsed config on the options, with the configs it extends.
  const extended = (parsed.options.configFile as { extendedSourceFiles?: readonly string[] } | undefined)?.extendedSourceFiles ?? [];
  return [configFile, ...extended];
}
