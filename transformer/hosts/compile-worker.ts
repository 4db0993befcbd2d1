import { parentPort, workerData } from "node:worker_threads";
import type { CompilerRequest, CompilerWorkerData } from "./compiler-client";
import { serveCompiler } from "./compiler-service";
import { loadTypeScriptWithCodeCache } from "./typescript-code-cache";

// The worker side of `compiler-client.ts`: TypeScript loads and parses the lib files here, off the bundler's thread.
const { tsconfig, forwarded, cacheDirectory } = workerData as CompilerWorkerData;
const saveCodeCache = cacheDirectory === undefined ? undefined : loadTypeScriptWithCodeCache(cacheDirectory);
// Required only now, so that its `typescript` is the instance just loaded.
const { createModuleCompiler } = require("./module-compiler") as typeof import("./module-compiler");
const port = parentPort!;
// The code cache is saved after the first compile, so that it also holds the compiler functions that compile ran.
serveCompiler(createModuleCompiler(tsconfig, forwarded), (listener) => port.on("message", (request: CompilerRequest) => listener(request)), (response) => port.postMessage(response), saveCodeCache);
