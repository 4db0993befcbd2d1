import * as path from "node:path";
import ts from "typescript";
import { createUnplugin, type UnpluginContext, type UnpluginFactory, type UnpluginMessage } from "unplugin";
import { formatDiagnostic } from "../format-diagnostic";
import { bundlerOptions } from "./bundler-options";
import { emitModule } from "./emit-module";
import { importedProjectFiles } from "./imported-files";
import { createDependentModules } from "./dependents";
import { createProjectHost, createProjectRegistry, type ProjectHost } from "./language-host";
import { createConfigLookup } from "./tsconfig-lookup";

/** The options of `tsvmap()` in every bundler's config. */
export interface TsvmapPluginOptions {
  /**
   * The tsconfig.json whose options and files the call sites are compiled
   * with. Default: the nearest one above each file; a solution-style config
   * (`references` only) hands the file to the referenced project including it.
   */
  readonly tsconfig?: string;
}

/** What the plugin uses of vite's dev server (vite's own types are not needed to build tsvmap). */
interface ViteDevServer {
  readonly watcher: { on(event: "change", listener: (file: string) => void): unknown };
  readonly moduleGraph: { getModulesByFile(file: string): Set<never> | undefined; invalidateModule(module: never): void };
}

const typescriptModule = /\.[cm]?tsx?$/;
const notSource = [/[\\/]node_modules[\\/]/, /\.d\.[cm]?ts$/];

/**
 * The tsvmap transform for bundlers: each TypeScript module that mentions
 * `tsvmap` is compiled by the program of its tsconfig.json, one long-lived
 * LanguageService per config, and comes out as JavaScript with its `vmap`
 * sites replaced and a source map to the original. It runs before the
 * bundler's TypeScript loader, which then sees plain JavaScript.
 */
export const unpluginFactory: UnpluginFactory<TsvmapPluginOptions | undefined, false> = (options = {}) => {
  const configOf = createConfigLookup(ts, options.tsconfig);
  const registry = createProjectRegistry(ts);
  const hosts = new Map<string, ProjectHost>();
  const dependents = createDependentModules();

  function hostOf(fileName: string): ProjectHost {
    const config = configOf(fileName);
    const key = config.configFile ?? "";
    let host = hosts.get(key);
    if (host === undefined) {
      const directory = config.configFile === undefined ? process.cwd() : path.dirname(config.configFile);
      host = createProjectHost(ts, bundlerOptions(ts, config.options), config.fileNames, directory, registry);
      hosts.set(key, host);
    }
    return host;
  }

  return {
    name: "tsvmap",
    enforce: "pre",
    transform: {
      filter: { id: { include: typescriptModule, exclude: notSource }, code: /tsvmap/ },
      handler(code, id) {
        const fileName = toCompilerPath(id);
        const host = hostOf(fileName);
        host.serve(fileName, code);
        const program = host.program();
        const sourceFile = program.getSourceFile(fileName);
        if (sourceFile === undefined) return undefined;
        // A call site inlines functions from the files it imports: a change to any of them must compile it again.
        const imported = importedProjectFiles(ts, program, sourceFile);
        for (const dependency of imported) this.addWatchFile(dependency);
        dependents.record(fileName, imported);
        const emitted = emitModule(ts, program, sourceFile);
        report(this, id, emitted.diagnostics);
        return emitted.sites === 0 ? undefined : { code: emitted.code, map: emitted.map };
      },
    },
    watchChange(id) {
      forget(toCompilerPath(id));
    },
    vite: {
      // Vite's dev server re-transforms a module only when its own file changes: drop the modules that read the changed file too.
      configureServer(server: ViteDevServer) {
        server.watcher.on("change", (file) => {
          const changed = toCompilerPath(file);
          forget(changed);
          for (const module of dependents.of(changed)) {
            for (const stale of server.moduleGraph.getModulesByFile(module) ?? []) server.moduleGraph.invalidateModule(stale);
          }
        });
      },
    },
  };

  function forget(changed: string): void {
    for (const host of hosts.values()) host.invalidate(changed);
  }
};

export const unplugin = createUnplugin(unpluginFactory);
export default unplugin;

/** TypeScript names files by absolute paths with forward slashes. */
function toCompilerPath(id: string): string {
  return path.resolve(id).replace(/\\/g, "/");
}

/** Warnings through the bundler's warning channel, then every error of the file as one bundler error (which may stop the build). */
function report(context: UnpluginContext, id: string, diagnostics: readonly ts.Diagnostic[]): void {
  const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  for (const warning of diagnostics.filter((diagnostic) => !errors.includes(diagnostic))) context.warn(toMessage(id, warning));
  if (errors.length > 0) context.error({ ...toMessage(id, errors[0]), message: errors.map((error) => formatDiagnostic(ts, error)).join("\n") });
}

function toMessage(id: string, diagnostic: ts.Diagnostic): UnpluginMessage {
  const message = formatDiagnostic(ts, diagnostic);
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) return { id, message, code: `TSVMAP${diagnostic.code}` };
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return { id, message, code: `TSVMAP${diagnostic.code}`, loc: { file: file.fileName, line: line + 1, column: character } };
}
