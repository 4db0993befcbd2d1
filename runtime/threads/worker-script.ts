import { kernelHelpers } from "../scalar-math";
import { chunkState, takeChunks } from "./claim";

/** Node's worker threads, or a browser's Web Workers (classic workers, started from a blob: URL). */
export type WorkerKind = "node" | "web";

/** What a worker of each kind does differently: how it reaches its host, loads a kernel and listens for jobs. */
interface WorkerDialect {
  /** Statements that come first. */
  readonly preamble: readonly string[];
  /** An expression, the kernel function loaded from `location`: a file in Node, a blob: URL in a browser. */
  readonly loadKernel: string;
  /** Statements that hand each job to `runJob`, then set the worker's `started` flag. */
  readonly listen: readonly string[];
  /** A kernel module's statement making `kernelText` what `loadKernel` returns. */
  readonly exportKernel: (kernelText: string) => string;
}

/** The global a kernel's classic script assigns its function to: `importScripts` returns nothing, and a worker loads one kernel at a time. */
const webKernelGlobal = "tsvmapLoadedKernel";

const dialects: Record<WorkerKind, WorkerDialect> = {
  node: {
    preamble: [`const { parentPort, workerData } = require("node:worker_threads");`],
    loadKernel: `require(location)`,
    listen: [`parentPort.on("message", runJob);`, `Atomics.store(workerData.started, workerData.index, 1);`],
    exportKernel: (kernelText) => `module.exports = (${kernelText});`,
  },
  web: {
    preamble: [],
    loadKernel: `(importScripts(location), self.${webKernelGlobal})`,
    // A web worker has no workerData: its first message says where its started flag is, and every later one is a job.
    listen: [`self.onmessage = (start) => {`, `  self.onmessage = (event) => runJob(event.data);`, `  Atomics.store(start.data.started, start.data.index, 1);`, `};`],
    exportKernel: (kernelText) => `self.${webKernelGlobal} = (${kernelText});`,
  },
};

/**
 * The text of a kernel worker's script. It needs no package and no path into
 * this runtime, bundled or not: the scalar helpers kernels are passed, and
 * `takeChunks`, are written into it as their own source, and each kernel is a
 * module it loads (`require` in Node, `importScripts` in a browser): no code
 * is made from strings, which a policy may forbid.
 *
 * A job is a run's chunks to take (`takeChunks`); when no chunk is left the
 * worker sets `status[slot]` to 1 and wakes the calling thread, which waits
 * on it. A kernel that fails to load or throws stops the worker taking
 * chunks and sets `status[slot + 1]`; the calling thread computes every chunk
 * a worker took and did not finish.
 */
export function workerScript(kind: WorkerKind): string {
  const dialect = dialects[kind];
  const helpers = Object.entries(kernelHelpers);
  return [
    `"use strict";`,
    ...dialect.preamble,
    ...helpers.map(([, helper]) => declarationOf(helper)),
    `const helpers = { ${helpers.map(([name, helper]) => `${name}: ${helper.name}`).join(", ")} };`,
    `const takeChunks = (${takeChunks.toString()});`,
    `const kernels = new Map();`,
    `const loadKernel = (location) => ${dialect.loadKernel};`,
    `function runJob(job) {`,
    `  try {`,
    `    if (!kernels.has(job.kernelLocation)) kernels.set(job.kernelLocation, loadKernel(job.kernelLocation));`,
    `    takeChunks(job, kernels.get(job.kernelLocation), helpers, ${chunkState.taken}, ${chunkState.done});`,
    `  } catch {`,
    `    Atomics.store(job.status, job.slot + 1, 1);`,
    `  }`,
    `  Atomics.store(job.status, job.slot, 1);`,
    `  Atomics.notify(job.status, job.slot);`,
    `}`,
    ...dialect.listen,
    ``,
  ].join("\n");
}

/** A helper as a declaration of its own name, which the others may call it by (a bundler may have made it an arrow). */
function declarationOf(helper: (...args: never[]) => unknown): string {
  const text = helper.toString();
  return text.startsWith("function") ? text : `const ${helper.name} = ${text};`;
}

/** The text of a kernel's module for a worker of `kind`: the kernel function, exactly as the transformer emitted it. */
export function kernelModule(kernelText: string, kind: WorkerKind): string {
  return `"use strict";\n${dialects[kind].exportKernel(kernelText)}\n`;
}
