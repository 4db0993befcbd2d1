import type { NodeLikeProcess } from "./settings";
import type { KernelWorker, WorkerHost } from "./worker-host";
import { kernelModule, workerScript } from "./worker-script";

interface NodeWorker extends KernelWorker {
  unref(): void;
  on(event: "error" | "exit", listener: () => void): void;
}

interface NodeModules {
  readonly Worker: new (file: string, options: { readonly workerData: unknown }) => NodeWorker;
  readonly fs: { mkdtempSync(prefix: string): string; writeFileSync(file: string, text: string): void; rmSync(path: string, options: { recursive: boolean; force: boolean }): void };
  readonly tmpdir: () => string;
  readonly join: (...parts: string[]) => string;
}

/**
 * Node's worker threads. The worker script and every kernel's module are
 * files in a temporary directory, removed when the process exits, so that a
 * worker `require`s them; workers are unref'd: they never keep the process alive.
 */
export class NodeWorkerHost implements WorkerHost {
  private readonly modules: NodeModules;
  private readonly directory: string;
  private kernelCount = 0;

  constructor(node: NodeLikeProcess) {
    this.modules = loadModules(node);
    const { fs, tmpdir, join } = this.modules;
    this.directory = fs.mkdtempSync(join(tmpdir(), "tsvmap-kernels-"));
    fs.writeFileSync(join(this.directory, "worker.cjs"), workerScript("node"));
    node.on("exit", () => fs.rmSync(this.directory, { recursive: true, force: true }));
  }

  start(started: Int32Array, index: number, failed: () => void): KernelWorker {
    const { Worker, join } = this.modules;
    const worker = new Worker(join(this.directory, "worker.cjs"), { workerData: { started, index } });
    worker.unref();
    // A worker that dies stops answering; the calling thread notices by the time it waits and takes its work back.
    worker.on("error", failed);
    worker.on("exit", failed);
    return worker;
  }

  kernelLocation(kernelText: string): string {
    const { fs, join } = this.modules;
    const file = join(this.directory, `kernel-${++this.kernelCount}.cjs`);
    fs.writeFileSync(file, kernelModule(kernelText, "node"));
    return file;
  }
}

function loadModules(node: NodeLikeProcess): NodeModules {
  const { Worker } = node.getBuiltinModule!("node:worker_threads") as Pick<NodeModules, "Worker">;
  const fs = node.getBuiltinModule!("node:fs") as NodeModules["fs"];
  const { tmpdir } = node.getBuiltinModule!("node:os") as { tmpdir: () => string };
  const { join } = node.getBuiltinModule!("node:path") as { join: (...parts: string[]) => string };
  return { Worker, fs, tmpdir, join };
}
