import type { CompilerRequest, CompilerResponse } from "./compiler-client";
import type { ModuleCompiler } from "./module-compiler";

/** Answers the requests of `compiler-client.ts` with `compiler`, wherever it runs: a worker thread or a process started from a snapshot. */
export function serveCompiler(
  compiler: ModuleCompiler,
  onRequest: (listener: (request: CompilerRequest) => void) => void,
  respond: (response: CompilerResponse) => void,
  afterFirstCompile: () => void = () => undefined,
): void {
  let compiled = false;
  onRequest((request) => {
    if (request.kind === "invalidate") return compiler.invalidate(request.fileName);
    let response: CompilerResponse;
    try {
      response = { sequence: request.sequence, compiled: compiler.compile(request.fileName, request.text) };
    } catch (error) {
      response = { sequence: request.sequence, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    respond(response);
    if (!compiled) afterFirstCompile();
    compiled = true;
  });
}
