import { parentPort, workerData } from "node:worker_threads";
import { createModuleCompiler } from "./module-compiler";
import type { CompilerRequest, CompilerResponse, CompilerWorkerData } from "./compiler-client";

// The worker side of `compiler-client.ts`: TypeScript loads and parses the lib files here, off the bundler's thread.
const { tsconfig, forwarded } = workerData as CompilerWorkerData;
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
});
