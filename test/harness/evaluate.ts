import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";

/**
 * Returns a loader that runs emitted CommonJS in this process, so that results
 * are Tensors of the runtime the test imported. `require` inside the emitted
 * code resolves `provided` specifiers (`tsvmap`, `tsvmap/runtime`) to the given
 * module objects, relative specifiers to other TypeScript files (emitted through
 * `emit`), and anything else as Node would from the file.
 */
export function createModuleLoader(
  emit: (tsFileName: string) => string,
  provided: Readonly<Record<string, unknown>>,
): (tsFileName: string) => Record<string, unknown> {
  const loaded = new Map<string, { exports: Record<string, unknown> }>();

  function load(tsFileName: string): Record<string, unknown> {
    const cached = loaded.get(tsFileName);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {} as Record<string, unknown> };
    loaded.set(tsFileName, module);
    const jsFileName = tsFileName.replace(/\.ts$/, ".js");
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${emit(tsFileName)}\n})`;
    const run = vm.runInThisContext(wrapper, { filename: jsFileName }) as (...args: unknown[]) => void;
    run(module.exports, (specifier: string) => requireFrom(tsFileName, specifier), module, jsFileName, path.dirname(jsFileName));
    return module.exports;
  }

  function requireFrom(tsFileName: string, specifier: string): unknown {
    if (Object.hasOwn(provided, specifier)) return provided[specifier];
    if (specifier.startsWith(".")) {
      const target = path.resolve(path.dirname(tsFileName), specifier);
      const candidates = [target.replace(/\.js$/, ".ts"), `${target}.ts`, path.join(target, "index.ts")];
      const found = candidates.find((candidate) => candidate.endsWith(".ts") && fs.existsSync(candidate));
      if (found !== undefined) return load(found);
    }
    return createRequire(tsFileName)(specifier);
  }

  return load;
}
