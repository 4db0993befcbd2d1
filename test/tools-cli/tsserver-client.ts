import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

/** One response of tsserver's JSON protocol. */
export interface ServerResponse {
  readonly command: string;
  readonly success: boolean;
  readonly body?: unknown;
  readonly message?: string;
}

/**
 * A real tsserver process spoken to as editors do: one JSON request per line
 * on stdin, `Content-Length`-framed messages back on stdout.
 */
export class TsServer {
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (response: ServerResponse) => void>();
  private buffer = Buffer.alloc(0);
  private seq = 0;

  constructor(tsserverJs: string, args: readonly string[], cwd: string) {
    this.process = spawn(process.execPath, [tsserverJs, "--disableAutomaticTypingAcquisition", ...args], { cwd, stdio: "pipe" });
    this.process.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
  }

  /** Sends a request that gets no response (`open`, `change`). */
  notify(command: string, args: unknown): void {
    this.write(++this.seq, command, args);
  }

  request(command: string, args: unknown, timeoutMs = 60_000): Promise<ServerResponse> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tsserver did not answer ${command} in ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(seq, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.write(seq, command, args);
    });
  }

  close(): void {
    this.process.kill();
  }

  private write(seq: number, command: string, args: unknown): void {
    this.process.stdin.write(`${JSON.stringify({ seq, type: "request", command, arguments: args })}\n`);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = /^Content-Length: (\d+)\r\n\r\n/.exec(this.buffer.toString("latin1", 0, Math.min(this.buffer.length, 64)));
      if (header === null) return;
      const start = header[0].length;
      const end = start + Number(header[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.toString("utf8", start, end)) as { type: string; request_seq?: number } & ServerResponse;
      this.buffer = this.buffer.subarray(end);
      if (message.type === "response" && message.request_seq !== undefined) this.pending.get(message.request_seq)?.(message);
    }
  }
}
