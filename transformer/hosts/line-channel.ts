import type { Socket } from "node:net";

// Messages between a build and the compiler server: one JSON text per line (JSON escapes the newlines inside strings).

/** Calls `listener` with each message that arrives on `socket`. */
export function onMessages<T>(socket: Socket, listener: (message: T) => void): void {
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      listener(JSON.parse(line) as T);
    }
  });
}

export function sendMessage(socket: Socket, message: unknown): void {
  socket.write(`${JSON.stringify(message)}\n`);
}
