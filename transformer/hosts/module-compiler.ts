import * as path from "node:path";
import ts from "typescript";
import { formatDiagnostic } from "../format-diagnostic";
import { bundlerOptions } from "./bundler-options";
import { createFileSystemProbes, type ProbedFileSystem } from "./file-system-probes";
import { emitModule, type ForwardedOptions, type ModuleSourceMap } from "./emit-module";
import { importedProjectFiles } from "./imported-files";
import { createProjectHost, createProjectRegistry, type ProjectHost } from "./language-host";
import type { PreparsedFiles } from "./preparsed-registry";
import { textHash } from "./text-hash";
import { createConfigLookup } from "./tsconfig-lookup";

/** A diagnostic as a bundler reports it: the formatted line, its TSVMAP code and where it is (line 1-based, column 0-based). */
export interface BundlerMessage {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly code: string;
  readonly loc?: { readonly file: string; readonly line: number; readonly column: number };
}

/** What compiling one module gives the bundler (plain data: it crosses a worker boundary). */
export interface CompiledModule {
  /** Undefined when the module has no `vmap` site: the bundler keeps its own text. */
  readonly output: { readonly code: string; readonly map: ModuleSourceMap } | undefined;
  readonly messages: readonly BundlerMessage[];
  /** The project files the module imports, at any depth: a change to one of them must compile it again. */
  readonly dependencies: readonly string[];
  /** The hash of each file the program and the config lookup read to compile the module (TypeScript's libs aside), for the on-disk cache. */
  readonly inputs: Readonly<Record<string, string>>;
  /** What else on disk the program depends on, for the on-disk cache. */
  readonly probed: ProbedFileSystem;
}

/** Compiles the modules of a build, one long-lived program per tsconfig.json. */
export interface ModuleCompiler {
  compile(fileName: string, text: string): CompiledModule | undefined;
  /** `fileName` changed on disk. */
  invalidate(fileName: string): void;
}

/**
 * `forwarded`: the plugin options that are the transformer's, passed on
 * untouched; `preparsed`: files a snapshot parsed, taken where unchanged.
 */
export function createModuleCompiler(explicitConfig: string | undefined, forwarded: ForwardedOptions = {}, preparsed?: PreparsedFiles): ModuleCompiler {
  const probes = createFileSystemProbes();
  const configOf = createConfigLookup(ts, explicitConfig, probes);
  const registry = preparsed === undefined ? createProjectRegistry(ts) : preparsed.registry(createProjectRegistry(ts));
  const hosts = new Map<string, ProjectHost>();

  function hostOf(fileName: string): ProjectHost {
    const config = configOf(fileName);
    const key = config.configFile ?? "";
    let host = hosts.get(key);
    if (host === undefined) {
      const directory = config.configFile === undefined ? process.cwd() : path.dirname(config.configFile);
      // The program grows from the modules served to it: the others of the config are parsed only when imported.
      const declarations = config.fileNames.filter((fileName) => /\.d\.[cm]?ts$/.test(fileName));
      host = createProjectHost(ts, bundlerOptions(ts, config.options), declarations, directory, registry, probes, preparsed?.snapshotOf);
      hosts.set(key, host);
    }
    return host;
  }

  return {
    compile(fileName, text) {
      const host = hostOf(fileName);
      host.serve(fileName, text);
      const program = host.program();
      const sourceFile = program.getSourceFile(fileName);
      if (sourceFile === undefined) return undefined;
      const emitted = emitModule(ts, program, sourceFile, forwarded);
      return {
        output: emitted.sites === 0 ? undefined : { code: emitted.code, map: emitted.map },
        messages: emitted.diagnostics.map(toMessage),
        dependencies: importedProjectFiles(ts, program, sourceFile),
        inputs: { ...probes.readHashes(), ...sourceHashes(program) },
        probed: probes.snapshot(),
      };
    },
    invalidate(fileName) {
      for (const host of hosts.values()) host.invalidate(fileName);
    },
  };
}

function sourceHashes(program: ts.Program): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of program.getSourceFiles()) {
    if (!program.isSourceFileDefaultLibrary(file)) hashes[file.fileName] = textHash(file.text);
  }
  return hashes;
}

function toMessage(diagnostic: ts.Diagnostic): BundlerMessage {
  const severity = diagnostic.category === ts.DiagnosticCategory.Error ? "error" : "warning";
  const message = formatDiagnostic(ts, diagnostic);
  const code = `TSVMAP${diagnostic.code}`;
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) return { severity, message, code };
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return { severity, message, code, loc: { file: file.fileName, line: line + 1, column: character } };
}
