import * as fs from "node:fs";
import * as net from "node:net";
import type { CompilerBackend, CompilerResponse, CompilerWorkerData } from "./compiler-client";
import type { CompilerSnapshot } from "./compiler-snapshot";
import type { ServerStart } from "./compiler-server";
import { onMessages, sendMessage } from "./line-channel";

/** How long a server started from the blob may take to listen (it takes about 0.2 s). */
const startMilliseconds = 10_000;

/**
 * This build's connection to the project's compiler server, started from
 * the snapshot when none listens; undefined when there is no blob or the
 * server does not come up (a blob it cannot start from is deleted, to be
 * made again). `lost` runs if the connection closes.
 */
export async function connectToServer(
  snapshot: CompilerSnapshot,
  data: CompilerWorkerData,
  answer: (response: CompilerResponse) => void,
  lost: () => void,
): Promise<CompilerBackend | undefined> {
  let socket = await connect(snapshot.socket);
  if (socket === undefined) {
    if (!fs.existsSync(snapshot.blob)) return undefined;
    let exited = false;
    const server = snapshot.startServer();
    server.once("error", () => (exited = true));
    server.once("exit", (code) => {
      exited = true;
      if (code !== 0) fs.rmSync(snapshot.blob, { force: true });
    });
    for (const deadline = Date.now() + startMilliseconds; socket === undefined && !exited && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      socket = await connect(snapshot.socket);
    }
  }
  if (socket === undefined) return undefined;
  const connected = socket;
  connected.on("error", () => undefined);
  connected.on("close", lost);
  onMessages(connected, answer);
  sendMessage(connected, { kind: "start", tsconfig: data.tsconfig, forwarded: data.forwarded } satisfies ServerStart);
  connected.unref();
  return { post: (request) => sendMessage(connected, request), hold: (held) => (held ? connected.ref() : connected.unref()) };
}

function connect(socketPath: string): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => {
      socket.removeAllListeners("error");
      resolve(socket);
    });
    socket.once("error", () => resolve(undefined));
  });
}
