import { NodeWorkerHost } from "./node-workers";
import { nodeProcess } from "./settings";
import { WebWorkerHost, webWorkersAvailable } from "./web-workers";
import type { KernelWorker, WorkerHost } from "./worker-host";

/** More workers than this are never started, whatever `threads` asks. */
const maximumWorkers = 64;

/**
 * The worker threads that run kernels, started the first time a batch is
 * large enough to want them and kept: Node's worker threads in Node, Web
 * Workers in a cross-origin isolated browser context. A worker is used once
 * it has started (both start in the background); until then, and wherever
 * workers cannot be had at all, the calling thread runs everything. Any
 * failure of the pool itself turns it off for the rest of the process or page.
 */
class KernelPool {
  private readonly workers: KernelWorker[] = [];
  /** `started[i]` is 1 once worker i listens for jobs; made with the first worker (shared memory may not exist here). */
  private started: Int32Array | undefined;
  private readonly kernelLocations = new WeakMap<object, string>();
  private host: WorkerHost | undefined;
  private failed = false;

  /** False where there are no workers to be had (an edge runtime, a page that is not cross-origin isolated) or after a failure. */
  get usable(): boolean {
    return !this.failed && typeof SharedArrayBuffer === "function" && (nodeProcess() !== undefined || webWorkersAvailable());
  }

  /** Up to `wanted` workers that have started, starting more towards `wanted` for later calls. */
  startedWorkers(wanted: number): number[] {
    if (this.failed) return [];
    const target = Math.min(wanted, maximumWorkers);
    try {
      while (this.workers.length < target) this.spawn();
    } catch {
      this.fail();
      return [];
    }
    const ready: number[] = [];
    for (let index = 0; index < target; index++) if (Atomics.load(this.started!, index) === 1) ready.push(index);
    return ready;
  }

  /** Where workers load `kernel`'s module from, made the first time it runs in a worker. */
  kernelLocation(kernel: object): string {
    let location = this.kernelLocations.get(kernel);
    if (location === undefined) {
      location = this.host!.kernelLocation(kernel.toString());
      this.kernelLocations.set(kernel, location);
    }
    return location;
  }

  post(worker: number, job: unknown): void {
    this.workers[worker].postMessage(job);
  }

  /** Turns the pool off: from now on the calling thread runs every kernel. */
  fail(): void {
    this.failed = true;
  }

  private spawn(): void {
    this.host ??= makeHost();
    this.started ??= new Int32Array(new SharedArrayBuffer(4 * maximumWorkers));
    this.workers.push(this.host.start(this.started, this.workers.length, () => this.fail()));
  }
}

/** Node's worker threads where this is Node, else a browser's Web Workers. */
function makeHost(): WorkerHost {
  const node = nodeProcess();
  if (node !== undefined) return new NodeWorkerHost(node);
  if (webWorkersAvailable()) return new WebWorkerHost();
  throw new Error("no worker threads here");
}

export const kernelPool = new KernelPool();
