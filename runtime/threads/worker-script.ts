import { kernelHelpers } from "../scalar-math";

/**
 * The text of a kernel worker's module. A worker is a plain CommonJS file
 * written next to the kernels it loads, so that it finds no package and needs
 * no path into this runtime, bundled or not: the scalar helpers kernels are
 * passed are written into it as their own source, and each kernel is a file
 * it `require`s: no code is made from strings, which a policy may forbid.
 *
 * A job runs segments of a kernel's examples; when they are done the worker
 * sets `status[slot]` to 1 and wakes the calling thread, which waits on it; a
 * kernel that failed to load or threw also sets `status[slot + 1]`, and the
 * calling thread computes those examples itself.
 */
export function workerScript(): string {
  const helpers = Object.entries(kernelHelpers);
  return [
    `"use strict";`,
    `const { parentPort } = require("node:worker_threads");`,
    ...helpers.map(([, helper]) => declarationOf(helper)),
    `const helpers = { ${helpers.map(([name, helper]) => `${name}: ${helper.name}`).join(", ")} };`,
    `const kernels = new Map();`,
    `parentPort.on("message", (job) => {`,
    `  try {`,
    `    if (!kernels.has(job.kernelFile)) kernels.set(job.kernelFile, require(job.kernelFile));`,
    `    const kernel = kernels.get(job.kernelFile);`,
    `    const { segments, inputCount } = job;`,
    `    for (let at = 0; at < segments.length; at += 2 + inputCount) {`,
    `      kernel(segments[at], job.size, job.inputs, segments.slice(at + 2, at + 2 + inputCount), job.steps, job.outputs, segments[at + 1], job.constants, helpers);`,
    `    }`,
    `  } catch {`,
    `    Atomics.store(job.status, job.slot + 1, 1);`,
    `  }`,
    `  Atomics.store(job.status, job.slot, 1);`,
    `  Atomics.notify(job.status, job.slot);`,
    `});`,
    `const { started, index } = require("node:worker_threads").workerData;`,
    `Atomics.store(started, index, 1);`,
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
