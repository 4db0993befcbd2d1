import * as fs from "node:fs";
import * as net from "node:net";
import type { CompilerRequest, CompilerResponse } from "./compiler-client";
import { serveCompiler } from "./compiler-service";
import type { ForwardedOptions } from "./emit-module";
import { onMessages, sendMessage } from "./line-channel";
import type { ModuleCompiler } from "./module-compiler";

/** What a build says first on its connection: the plugin options it compiles with. */
export interface ServerStart {
  readonly kind: "start";
  readonly tsconfig: string | undefined;
  readonly forwarded: ForwardedOptions;
}

/** Said first instead, it ends the server. */
export interface ServerStop {
  readonly kind: "stop";
}

/** How long a server with no build connected stays up. */
const idleMilliseconds = 15 * 60_000;
/** How many compiles it takes V8 to optimize the compiler's code: a new server runs them while no build is connected. */
const warmUpCompiles = 100;

/**
 * The compiler server, started from the snapshot (snapshot-entry.ts) and
 * shared by the builds of a project: each connection is one build, with a
 * module compiler of its own (so nothing a build sees can be stale: what
 * is kept across builds is only the snapshot's parsed files, taken where
 * their text is unchanged). It ends when idle for 15 minutes, when its blob
 * is deleted (a new install, or `node_modules/.cache/tsvmap` removed), when
 * told to stop, or when another server already listens on `socketPath`. A snapshot keeps no
 * optimized code: `warmUp` (one compile) runs until V8 has optimized it, so
 * that the first builds get compiles as fast as the later ones.
 */
export function runCompilerServer(socketPath: string, blob: string, newCompiler: (start: ServerStart) => ModuleCompiler, warmUp: () => void): void {
  let connections = 0;
  let lastActive = Date.now();
  const server = net.createServer((socket) => {
    connections++;
    // The blob's time says when it was last used: the directory keeps the newest blobs (snapshot-build.ts).
    touch(blob);
    let forward: ((request: CompilerRequest) => void) | undefined;
    socket.on("error", () => undefined);
    socket.on("close", () => {
      connections--;
      lastActive = Date.now();
    });
    onMessages<ServerStart | ServerStop | CompilerRequest>(socket, (message) => {
      if (message.kind === "stop") return stop();
      if (message.kind !== "start") return forward?.(message);
      const respond = (response: CompilerResponse) => sendMessage(socket, response);
      serveCompiler(newCompiler(message), (listener) => (forward = listener), respond);
    });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") process.exit(1);
    // A socket file is there: another server's (this one is not needed) or a dead one's (taken over).
    const probe = net.connect(socketPath);
    probe.once("connect", () => process.exit(0));
    probe.once("error", () => {
      fs.rmSync(socketPath, { force: true });
      server.listen(socketPath);
    });
  });
  server.listen(socketPath);
  let warmUpsLeft = warmUpCompiles;
  const warmUpWhenIdle = () => {
    if (connections === 0) {
      warmUp();
      warmUpsLeft--;
    }
    if (warmUpsLeft > 0) setTimeout(warmUpWhenIdle, connections === 0 ? 0 : 100);
  };
  setTimeout(warmUpWhenIdle, 0);
  setInterval(() => {
    if (!fs.existsSync(blob) || (connections === 0 && Date.now() - lastActive > idleMilliseconds)) stop();
  }, 2000);

  function stop(): never {
    if (process.platform !== "win32") fs.rmSync(socketPath, { force: true });
    process.exit(0);
  }
}

function touch(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // Deleted: the check below ends the server.
  }
}
