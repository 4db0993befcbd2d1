import { type NodeLikeProcess, nodeProcess } from "./settings";
import { kernelModule, workerScript } from "./worker-script";

interface WorkerHandle {
  postMessage(message: unknown): void;
  unref(): void;
  on(event: "error" | "exit", listener: () => void): void;
}

interface NodeModules {
  readonly Worker: new (file: string, options: { readonly workerData: unknown }) => WorkerHandle;
  readonly fs: { mkdtempSync(prefix: string): string; writeFileSync(file: string, text: string): void; rmSync(path: string, options: { recursive: boolean; force: boolean }): void };
  readonly tmpdir: () => string;
  readonly join: (...parts: string[]) => string;
}

/** More workers than this are never started, whatever `threads` asks. */
const maximumWorkers = 64;

/**
 * The worker threads that run kernels, started the first time a batch is
 * large enough to want them and kept (unref'd: they never keep the process
 * alive). A worker is used once it has started; until then, and wherever
 * workers cannot be had at all, the calling thread runs everything. Any
 * failure of the pool itself turns it off for the rest of the process.
 */
class KernelPool {
  private readonly workers: WorkerHandle[] = [];
  /** `started[i]` is 1 once worker i listens for jobs; made with the first worker (shared memory may not exist here). */
  private started: Int32Array | undefined;
  private readonly kernelFiles = new WeakMap<object, string>();
  private modules: NodeModules | undefined;
  private directory: string | undefined;
  private failed = false;
  private kernelCount = 0;

  /** False where there are no worker threads to be had (a browser, an edge runtime: no Node, or no shared memory) or after a failure. */
  get usable(): boolean {
    return !this.failed && typeof SharedArrayBuffer === "function" && nodeProcess() !== undefined;
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

  /** The file of `kernel`'s module, written the first time it runs in a worker. */
  kernelFile(kernel: object): string {
    let file = this.kernelFiles.get(kernel);
    if (file === undefined) {
      const { fs, join } = this.modules!;
      file = join(this.directory!, `kernel-${++this.kernelCount}.cjs`);
      fs.writeFileSync(file, kernelModule(kernel.toString()));
      this.kernelFiles.set(kernel, file);
    }
    return file;
  }

  post(worker: number, job: unknown): void {
    this.workers[worker].postMessage(job);
  }

  /** Turns the pool off: from now on the calling thread runs every kernel. */
  fail(): void {
    this.failed = true;
  }

  private spawn(): void {
    const { Worker, join } = (this.modules ??= loadModules(nodeProcess()));
    this.directory ??= this.makeDirectory();
    this.started ??= new Int32Array(new SharedArrayBuffer(4 * maximumWorkers));
    const worker = new Worker(join(this.directory, "worker.cjs"), { workerData: { started: this.started, index: this.workers.length } });
    worker.unref();
    // A worker that dies stops answering; the calling thread notices by the time it waits and takes its work back.
    worker.on("error", () => this.fail());
    worker.on("exit", () => this.fail());
    this.workers.push(worker);
  }

  private makeDirectory(): string {
    const { fs, tmpdir, join } = this.modules!;
    const directory = fs.mkdtempSync(join(tmpdir(), "tsvmap-kernels-"));
    fs.writeFileSync(join(directory, "worker.cjs"), workerScript());
    nodeProcess()!.on("exit", () => fs.rmSync(directory, { recursive: true, force: true }));
    return directory;
  }
}

function loadModules(node: NodeLikeProcess | undefined): NodeModules {
  if (node === undefined) throw new Error("no worker threads here");
  const { Worker } = node.getBuiltinModule!("node:worker_threads") as Pick<NodeModules, "Worker">;
  const fs = node.getBuiltinModule!("node:fs") as NodeModules["fs"];
  const { tmpdir } = node.getBuiltinModule!("node:os") as { tmpdir: () => string };
  const { join } = node.getBuiltinModule!("node:path") as { join: (...parts: string[]) => string };
  return { Worker, fs, tmpdir, join };
}

export const kernelPool = new KernelPool();
