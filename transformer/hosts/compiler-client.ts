import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ForwardedOptions } from "./emit-module";
import type { CompiledModule } from "./module-compiler";

export interface CompilerWorkerData {
  readonly tsconfig: string | undefined;
  readonly forwarded: ForwardedOptions;
  /** Where V8's code cache for TypeScript is kept; undefined when the plugin's cache is off. */
  readonly cacheDirectory: string | undefined;
}

export type CompilerRequest =
  | { readonly kind: "compile"; readonly sequence: number; readonly fileName: string; readonly text: string }
  | { readonly kind: "invalidate"; readonly fileName: string };

export type CompilerResponse = { readonly sequence: number; readonly compiled: CompiledModule | undefined } | { readonly sequence: number; readonly failure: string };

/** The module compiler as the bundler's thread sees it. */
export interface CompilerClient {
  compile(fileName: string, text: string): Promise<CompiledModule | undefined>;
  invalidate(fileName: string): void;
}

/**
 * Runs the module compiler in a worker thread, started by the first module
 * that has a `vmap` to compile: a build without one never loads TypeScript.
 * Loading it and parsing the lib files (most of the plugin's cost) then
 * overlaps the bundler's work on its other modules. The worker keeps the
 * process alive only while a module is being compiled.
 */
export function startCompiler(data: CompilerWorkerData): CompilerClient {
  let worker: Worker | undefined;
  let sequence = 0;
  const pending = new Map<number, { resolve(compiled: CompiledModule | undefined): void; reject(error: Error): void }>();

  function started(): Worker {
    if (worker !== undefined) return worker;
    const started = new Worker(path.join(__dirname, "compile-worker.js"), { workerData: data });
    started.unref();
    started.on("message", (response: CompilerResponse) => {
      const request = pending.get(response.sequence);
      pending.delete(response.sequence);
      if (pending.size === 0) started.unref();
      if ("failure" in response) request?.reject(new Error(`tsvmap: ${response.failure}`));
      else request?.resolve(response.compiled);
    });
    started.on("error", (error) => {
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      worker = undefined;
    });
    return (worker = started);
  }

  return {
    compile(fileName, text) {
      const target = started();
      const request = ++sequence;
      target.ref();
      target.postMessage({ kind: "compile", sequence: request, fileName, text } satisfies CompilerRequest);
      return new Promise((resolve, reject) => pending.set(request, { resolve, reject }));
    },
    invalidate(fileName) {
      worker?.postMessage({ kind: "invalidate", fileName } satisfies CompilerRequest);
    },
  };
}
