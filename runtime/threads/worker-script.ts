import { kernelHelpers } from "../scalar-math";
import { chunkState, takeChunks } from "./claim";

/**
 * The text of a kernel worker's module. A worker is a plain CommonJS file
 * written next to the kernels it loads, so that it finds no package and needs
 * no path into this runtime, bundled or not: the scalar helpers kernels are
 * passed, and `takeChunks`, are written into it as their own source, and each
 * kernel is a file it `require`s: no code is made from strings, which a policy
 * may forbid.
 *
 * A job is a run's chunks to take (`takeChunks`); when no chunk is left the
 * worker sets `status[slot]` to 1 and wakes the calling thread, which waits
 * on it. A kernel that fails to load or throws stops the worker taking
 * chunks and sets `status[slot + 1]`; the calling thread computes every chunk
 * a worker took and did not finish.
 */
export function workerScript(): string {
  const helpers = Object.entries(kernelHelpers);
  return [
    `"use strict";`,
    `const { parentPort, workerData } = require("node:worker_threads");`,
    ...helpers.map(([, helper]) => declarationOf(helper)),
    `const helpers = { ${helpers.map(([name, helper]) => `${name}: ${helper.name}`).join(", ")} };`,
    `const takeChunks = (${takeChunks.toString()});`,
    `const kernels = new Map();`,
    `parentPort.on("message", (job) => {`,
    `  try {`,
    `    if (!kernels.has(job.kernelFile)) kernels.set(job.kernelFile, require(job.kernelFile));`,
    `    takeChunks(job, kernels.get(job.kernelFile), helpers, ${chunkState.taken}, ${chunkState.done});`,
    `  } catch {`,
    `    Atomics.store(job.status, job.slot + 1, 1);`,
    `  }`,
    `  Atomics.store(job.status, job.slot, 1);`,
    `  Atomics.notify(job.status, job.slot);`,
    `});`,
    `Atomics.store(workerData.started, workerData.index, 1);`,
    ``,
  ].join("\n");
}

/** A helper as a declaration of its own name, which the others may call it by (a bundler may have made it an arrow). */
function declarationOf(helper: (...args: never[]) => unknown): string {
  const text = helper.toString();
  return text.startsWith("function") ? text : `const ${helper.name} = ${text};`;
}

/** The text of a kernel's module: the kernel function, exactly as the transformer emitted it. */
export function kernelModule(kernelText: string): string {
  return `"use strict";\nmodule.exports = (${kernelText});\n`;
}
