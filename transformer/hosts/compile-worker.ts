import { parentPort, workerData } from "node:worker_threads";
import type { CompilerRequest, CompilerResponse, CompilerWorkerData } from "./compiler-client";
import { loadTypeScriptWithCodeCache } from "./typescript-code-cache";

// The worker side of `compiler-client.ts`: TypeScript loads and parses the lib files here, off the bundler's thread.
const { tsconfig, forwarded, cacheDirectory } = workerData as CompilerWorkerData;
let saveCodeCache = cacheDirectory === undefined ? undefined : loadTypeScriptWithCodeCache(cacheDirectory);
// Required only now, so that its `typescript` is the instance just loaded.
const { createModuleCompiler } = require("./module-compiler") as typeof import("./module-compiler");
const compiler = createModuleCompiler(tsconfig, forwarded);
const port = parentPort!;

port.on("message", (request: CompilerRequest) => {
  if (request.kind === "invalidate") return compiler.invalidate(request.fileName);
  let response: CompilerResponse;
  try {
    response = { sequence: request.sequence, compiled: compiler.compile(request.fileName, request.text) };
  } catch (error) {
    response = { sequence: request.sequence, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(response);
  // After the first compile, so that the cache also holds the compiler functions it ran.
  saveCodeCache?.();
  saveCodeCache = undefined;
});
