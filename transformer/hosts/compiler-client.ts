import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { CompilerSnapshot } from "./compiler-snapshot";
import { connectToServer } from "./server-connection";
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
  /** Reaches the project's compiler server ahead of the first compile, where one has run before (its blob exists). */
  prepare(): void;
  compile(fileName: string, text: string): Promise<CompiledModule | undefined>;
  invalidate(fileName: string): void;
}

/** Where the module compiler runs: a worker thread of this process, or the compiler server. */
export interface CompilerBackend {
  post(request: CompilerRequest): void;
  /** Whether it keeps the bundler's process alive (only while a compile is pending). */
  hold(held: boolean): void;
}

interface PendingCompile {
  readonly request: CompilerRequest & { kind: "compile" };
  resolve(compiled: CompiledModule | undefined): void;
  reject(error: Error): void;
}

/**
 * Runs the module compiler off the bundler's thread, from the first module
 * that has a `vmap` to compile (a build without one never starts it), or
 * from `prepare` at the build's start where the project has a blob. With
 * `snapshotOfProject`, that is the project's compiler server: reached in a
 * millisecond when it runs, started from the blob in a fifth of a cold start
 * when not, and made by this build as it exits when there is no blob yet.
 * Without, or when the server cannot be had, TypeScript loads in a worker
 * thread. Requests pending on a server that went away go to a new backend.
 */
export function startCompiler(data: CompilerWorkerData, snapshotOfProject: (() => CompilerSnapshot) | undefined): CompilerClient {
  let sequence = 0;
  const pending = new Map<number, PendingCompile>();
  let backend: Promise<CompilerBackend> | undefined;
  let snapshot: CompilerSnapshot | undefined;
  const snapshotOf = () => (snapshot ??= snapshotOfProject?.());

  const answer = (response: CompilerResponse) => {
    const compile = pending.get(response.sequence);
    pending.delete(response.sequence);
    if (pending.size === 0) void backend?.then((target) => target.hold(false));
    if ("failure" in response) compile?.reject(new Error(`tsvmap: ${response.failure}`));
    else compile?.resolve(response.compiled);
  };
  const failAll = (error: Error) => {
    for (const compile of pending.values()) compile.reject(error);
    pending.clear();
    backend = undefined;
  };
  const chosen = () => (backend ??= choose());
  const send = (requests: readonly CompilerRequest[]) =>
    void chosen().then((target) => {
      target.hold(true);
      for (const request of requests) target.post(request);
    });
  const serverLost = () => {
    backend = undefined;
    if (pending.size > 0) send([...pending.values()].map((compile) => compile.request));
  };
  async function choose(): Promise<CompilerBackend> {
    const snapshot = snapshotOf();
    const server = snapshot === undefined ? undefined : await connectToServer(snapshot, data, answer, serverLost);
    if (server !== undefined) return server;
    if (snapshot !== undefined && !fs.existsSync(snapshot.blob)) snapshot.buildWhenExiting();
    return startWorker(data, answer, failAll);
  }

  return {
    prepare() {
      // A server started from the blob takes ~0.2 s to listen: the bundler reads the project's other modules meanwhile.
      const known = snapshotOf();
      if (backend === undefined && known !== undefined && fs.existsSync(known.blob)) void chosen();
    },
    compile(fileName, text) {
      const request = { kind: "compile", sequence: ++sequence, fileName, text } as const;
      return new Promise((resolve, reject) => {
        pending.set(request.sequence, { request, resolve, reject });
        send([request]);
      });
    },
    invalidate(fileName) {
      void backend?.then((target) => target.post({ kind: "invalidate", fileName }));
    },
  };
}

function startWorker(data: CompilerWorkerData, answer: (response: CompilerResponse) => void, fail: (error: Error) => void): CompilerBackend {
  const worker = new Worker(path.join(__dirname, "compile-worker.js"), { workerData: data });
  worker.unref();
  worker.on("message", answer);
  worker.on("error", fail);
  return { post: (request) => worker.postMessage(request), hold: (held) => (held ? worker.ref() : worker.unref()) };
}
