import * as path from "node:path";
import { createUnplugin, type UnpluginContext, type UnpluginFactory } from "unplugin";
import * as fs from "node:fs";
import { createCompileCache, type CompileCache } from "./compile-cache";
import { startCompiler } from "./compiler-client";
import { compilerSnapshot } from "./compiler-snapshot";
import { createDependentModules } from "./dependents";
import type { OnUnsupported } from "../index";
import { readOnUnsupported } from "../on-unsupported";
import type { BundlerMessage, CompiledModule } from "./module-compiler";

/** The options of `tsvmap()` in every bundler's config. */
export interface TsvmapPluginOptions {
  /**
   * The tsconfig.json whose options and files the call sites are compiled
   * with. Default: the nearest one above each file; a solution-style config
   * (`references` only) hands the file to the referenced project including it.
   */
  readonly tsconfig?: string;
  /**
   * Keep compiled modules in node_modules/.cache/tsvmap, so that the next
   * build of an unchanged call site does not start TypeScript, V8's code
   * cache of TypeScript, and the snapshot that the project's compiler server
   * starts from, so that a site that changed compiles in milliseconds
   * (`TSVMAP_COMPILER_SERVER=0` keeps the cache but not the server).
   * Default true.
   */
  readonly cache?: boolean;
  /**
   * What a refused call site does to the build, as the tspc plugin's option
   * of the same name: `"error"` (the default) fails it with the site's TSVMAP
   * error; `"reference"` makes the refusal a warning and the site runs as
   * `vmap.reference`, uncompiled.
   */
  readonly onUnsupported?: OnUnsupported;
  /** Any other option is the transformer's (see `VmapTransformerOptions`), passed on untouched. */
  readonly [transformerOption: string]: unknown;
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
 * LanguageService per config (on the compiler server, or in a worker
 * thread), and comes out as JavaScript with its `vmap` sites replaced and a
 * source map to the original.
 * It runs before the bundler's TypeScript loader, which then sees plain
 * JavaScript.
 */
export const unpluginFactory: UnpluginFactory<TsvmapPluginOptions | undefined, false> = (options = {}, meta) => {
  // webpack leaves chaining source maps to each loader, and esbuild-loader drops the map it is handed; esbuild reads an inline one.
  const inlineMap = meta.framework === "webpack";
  const { tsconfig, cache: useCache, onUnsupported, ...transformerOptions } = options;
  const forwarded = { ...transformerOptions, onUnsupported: readOnUnsupported(onUnsupported, "the tsvmap plugin option onUnsupported") };
  const cacheDirectory = useCache === false ? undefined : path.join(process.cwd(), "node_modules/.cache/tsvmap");
  const snapshot = cacheDirectory === undefined || process.env.TSVMAP_COMPILER_SERVER === "0" ? undefined : () => compilerSnapshot(cacheDirectory, tsconfig);
  const compiler = startCompiler({ tsconfig, forwarded, cacheDirectory }, snapshot);
  const cache = cacheDirectory === undefined ? undefined : projectCache(cacheDirectory, options);
  const dependents = createDependentModules();

  return {
    name: "tsvmap",
    enforce: "pre",
    buildStart() {
      compiler.prepare();
    },
    transform: {
      // Tested by the bundler itself (natively in vite and rolldown), so most modules never reach the plugin.
      filter: { id: { include: typescriptModule, exclude: notSource }, code: /\bvmap\b/ },
      async handler(code, id) {
        if (!code.includes("tsvmap")) return undefined;
        const fileName = toCompilerPath(id);
        const cached = cache?.read(fileName, code);
        const compiled = cached ?? (await compiler.compile(fileName, code));
        if (compiled === undefined) return undefined;
        if (cached === undefined) cache?.write(fileName, compiled);
        // A call site inlines functions from the files it imports: a change to any of them must compile it again.
        for (const dependency of compiled.dependencies) this.addWatchFile(dependency);
        dependents.record(fileName, compiled.dependencies);
        report(this, id, compiled.messages);
        return inlineMap && compiled.output !== undefined ? withInlineMap(compiled.output) : compiled.output;
      },
    },
    watchChange(id) {
      compiler.invalidate(toCompilerPath(id));
    },
    vite: {
      // Vite's dev server re-transforms a module only when its own file changes: drop the modules that read the changed file too.
      configureServer(server: ViteDevServer) {
        server.watcher.on("change", (file) => {
          const changed = toCompilerPath(file);
          compiler.invalidate(changed);
          for (const module of dependents.of(changed)) {
            for (const stale of server.moduleGraph.getModulesByFile(module) ?? []) server.moduleGraph.invalidateModule(stale);
          }
        });
      },
    },
  };
};

export const unplugin = createUnplugin(unpluginFactory);
export default unplugin;

/** The cache of the build run in the current directory, for this tsvmap and the TypeScript it loads. */
function projectCache(directory: string, options: TsvmapPluginOptions): CompileCache {
  const versionOf = (manifest: string) => (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  const versions = `tsvmap ${versionOf(path.join(__dirname, "../../../package.json"))}, typescript ${versionOf(require.resolve("typescript/package.json"))}`;
  return createCompileCache(directory, versions, options);
}

function withInlineMap(output: NonNullable<CompiledModule["output"]>): NonNullable<CompiledModule["output"]> {
  const inline = Buffer.from(JSON.stringify(output.map)).toString("base64");
  return { code: `${output.code}\n//# sourceMappingURL=data:application/json;base64,${inline}\n`, map: output.map };
}

/** TypeScript names files by absolute paths with forward slashes. */
function toCompilerPath(id: string): string {
  return path.resolve(id).replace(/\\/g, "/");
}

/** Warnings through the bundler's warning channel, then every error of the file as one bundler error (which may stop the build). */
function report(context: UnpluginContext, id: string, messages: readonly BundlerMessage[]): void {
  const errors = messages.filter((message) => message.severity === "error");
  for (const { message, code, loc } of messages.filter((message) => message.severity === "warning")) context.warn({ id, message, code, loc });
  if (errors.length === 0) return;
  const [{ code, loc }] = errors;
  context.error({ id, code, loc, message: errors.map((error) => error.message).join("\n") });
}
