import type { TypedArray } from "../dtype";
import type { KernelHelpers } from "../scalar-math";

/**
 * One threaded run of a kernel as every thread sees it: the batch's examples
 * cut into chunks (each a list of kernel calls, `[count, outStart,
 * ...starts]`), a counter the threads take chunks from, and each chunk's state.
 */
export interface ChunkJob {
  readonly chunks: readonly (readonly number[])[];
  readonly counter: Int32Array;
  readonly states: Int32Array;
  readonly size: number;
  readonly inputs: TypedArray[];
  readonly steps: number[];
  readonly outputs: TypedArray[];
  readonly constants: unknown[];
}

type KernelFunction = (count: number, size: number, inputs: TypedArray[], starts: number[], steps: number[], outputs: TypedArray[], outStart: number, constants: unknown[], helpers: KernelHelpers) => void;

/** What `states[chunk]` says: nobody took it, the calling thread computed it, a worker took it, a worker finished it. */
export const chunkState = { free: 0, calling: 1, taken: 2, done: 3 } as const;

/**
 * Takes chunks until none is left, computing each with `kernel` and marking
 * it `taking`, then `finished`; returns how many examples it computed. Every
 * thread of a run calls this, so that a thread that is slower (descheduled,
 * or paying page faults on fresh memory) simply takes fewer chunks. It reads
 * nothing outside its parameters: a worker's module holds its text.
 */
export function takeChunks(job: ChunkJob, kernel: KernelFunction, helpers: KernelHelpers, taking: number, finished: number): number {
  const stride = 2 + job.inputs.length;
  let examples = 0;
  for (;;) {
    const chunk = Atomics.add(job.counter, 0, 1);
    if (chunk >= job.chunks.length) return examples;
    Atomics.store(job.states, chunk, taking);
    const segments = job.chunks[chunk];
    for (let at = 0; at < segments.length; at += stride) {
      kernel(segments[at], job.size, job.inputs, segments.slice(at + 2, at + stride), job.steps, job.outputs, segments[at + 1], job.constants, helpers);
      examples += segments[at];
    }
    Atomics.store(job.states, chunk, finished);
  }
}
