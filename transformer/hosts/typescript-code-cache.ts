import * as fs from "node:fs";
import { createRequire, Module } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { textHash } from "./text-hash";
import { writeWhole } from "./write-whole";

/**
 * Loads the `typescript` package with V8's code cache, kept in `directory`:
 * V8 then skips compiling its 9 MB of JavaScript (and, since the cache is
 * written after the first compile, the compiler functions that compile ran),
 * a fifth of TypeScript's cold start. It is what Node 22's
 * `module.enableCompileCache` does, which Node 20 lacks. V8 checks the data
 * against the source and its own version and flags and ignores a mismatch,
 * so a stale file only costs the time it saves. Every later
 * `require("typescript")` of the process gets this instance. Returns the
 * function that writes the cache when V8 did not take it, to be called once
 * TypeScript has done its first work.
 */
export function loadTypeScriptWithCodeCache(directory: string): () => void {
  const fileName = require.resolve("typescript");
  if (require.cache[fileName] !== undefined) return () => undefined;
  const source = fs.readFileSync(fileName, "utf8");
  const cacheFile = path.join(directory, `typescript-${textHash(`${fileName}\n${process.version}`).slice(0, 16)}.v8`);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: fileName, cachedData });

  const loaded = new Module(fileName, module);
  loaded.filename = fileName;
  loaded.paths = (Module as unknown as { _nodeModulePaths(directory: string): string[] })._nodeModulePaths(path.dirname(fileName));
  require.cache[fileName] = loaded;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, fileName: string, directory: string) => void;
  try {
    wrapper.call(loaded.exports, loaded.exports, createRequire(fileName), loaded, fileName, path.dirname(fileName));
  } catch (error) {
    delete require.cache[fileName];
    throw error;
  }
  loaded.loaded = true;

  if (cachedData !== undefined && !script.cachedDataRejected) return () => undefined;
  return () => writeWhole(cacheFile, script.createCachedData());
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
