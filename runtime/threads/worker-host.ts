/** A started worker, as the pool talks to it. */
export interface KernelWorker {
  postMessage(message: unknown): void;
}

/**
 * Where the pool's workers come from: Node's worker threads or a browser's
 * Web Workers. Its workers run `workerScript` of their kind.
 */
export interface WorkerHost {
  /** Starts worker `index`, which sets `started[index]` to 1 once it listens for jobs; `failed` is called if it dies or cannot start. */
  start(started: Int32Array, index: number, failed: () => void): KernelWorker;
  /** Where a worker loads the module of a kernel with this text from; called once per kernel. */
  kernelLocation(kernelText: string): string;
}
