import type { TypedArray } from "../dtype";
import { kernelHelpers } from "../scalar-math";
import type { Kernel } from "../batched/fuse";
import { kernelPool } from "./pool";
import { threadLimit } from "./settings";
import { staged } from "./staging";

/**
 * A kernel over `rows × count` examples: row `r` is one call of the kernel on
 * `count` consecutive examples, its inputs read from `startsOf(r)`, its
 * outputs written from example `r * count` on. An example reads `extents[i]`
 * elements of input `i` (its size, or one number).
 */
export interface KernelRun {
  readonly kernel: Kernel;
  readonly size: number;
  readonly inputs: readonly TypedArray[];
  readonly steps: readonly number[];
  readonly extents: readonly number[];
  readonly constants: unknown[];
  readonly rows: number;
  readonly count: number;
  readonly startsOf: (row: number) => number[];
}

/**
 * A run goes to workers only where the runtime expects it to end sooner: its
 * share of the work there must outweigh copying inputs into shared memory and
 * this fixed cost of a job to a worker and back (bench: threads).
 */
const jobMilliseconds = 0.05;
/** Work below this many milliseconds on one thread is never split. */
const minimumParallelMilliseconds = 0.5;

/** What each kernel has cost per element, in nanoseconds, the last time it ran: the guess for its next run. */
const nanosecondsPerElement = new WeakMap<Kernel, number>();
/** What copying into shared memory has cost per byte (first guess: a reused buffer's). */
let copyNanosecondsPerByte = 0.3;
/** Kernels a worker could not load or run: they stay on the calling thread. */
const unportable = new WeakSet<Kernel>();

/**
 * The workers that should share a run over `elements` elements with the
 * calling thread: none when threads are limited to one, when the kernel has
 * not yet run here (its cost is unknown), or when splitting would not pay.
 */
export function workersFor(kernel: Kernel, elements: number, inputs: readonly TypedArray[]): number[] {
  const limit = threadLimit();
  if (limit <= 1 || !kernelPool.usable || unportable.has(kernel)) return [];
  const cost = nanosecondsPerElement.get(kernel);
  if (cost === undefined) return [];
  const alone = (cost * elements) / 1e6;
  if (alone < minimumParallelMilliseconds) return [];
  let unsharedBytes = 0;
  for (const input of inputs) if (!(input.buffer instanceof SharedArrayBuffer)) unsharedBytes += input.byteLength;
  const pays = (threads: number) => alone / threads + ((copyNanosecondsPerByte * unsharedBytes * (threads - 1)) / threads) / 1e6 + jobMilliseconds < alone;
  if (!pays(limit)) return [];
  const workers = kernelPool.startedWorkers(limit - 1);
  return pays(workers.length + 1) ? workers : [];
}

/** Runs `run` into `outputs`, on the calling thread and `workers`; outputs must be in shared memory when there are workers. */
export function runKernel(run: KernelRun, outputs: TypedArray[], workers: readonly number[]): void {
  const total = run.rows * run.count;
  if (workers.length === 0 || total < 2) {
    const began = performance.now();
    for (let row = 0; row < run.rows; row++) {
      run.kernel(run.count, run.size, run.inputs as TypedArray[], run.startsOf(row), run.steps as number[], outputs, row * run.count, run.constants, kernelHelpers);
    }
    record(run.kernel, began, total * Math.max(run.size, 1));
    return;
  }
  let kernelFile: string;
  try {
    kernelFile = kernelPool.kernelFile(run.kernel);
  } catch {
    kernelPool.fail();
    return runKernel(run, outputs, []);
  }
  const parts = Math.min(workers.length + 1, total);
  const boundary = (part: number) => Math.floor((part * total) / parts);
  const status = new Int32Array(new SharedArrayBuffer(8 * workers.length));
  const copying = performance.now();
  let copiedBytes = 0;
  const jobs = workers.slice(0, parts - 1).map((worker, position) => {
    const segments = segmentsOf(run, boundary(position + 1), boundary(position + 2));
    // The worker reads copies of the unshared inputs, each only the part its examples read.
    const workerSegments = segments.slice();
    const inputs = run.inputs.map((array, input) => {
      if (array.buffer instanceof SharedArrayBuffer) return array;
      const [from, to] = readRange(run, workerSegments, input);
      copiedBytes += (to - from) * array.BYTES_PER_ELEMENT;
      return staged(position, input, array, from, to);
    });
    const slot = 2 * position;
    kernelPool.post(worker, { kernelFile, segments: workerSegments, inputCount: inputs.length, size: run.size, inputs, steps: run.steps, outputs, constants: run.constants, status, slot });
    return { slot, segments };
  });
  // Small copies measure the fixed cost of a copy more than its cost per byte.
  if (copiedBytes >= 1 << 20) copyNanosecondsPerByte = ((performance.now() - copying) * 1e6) / copiedBytes;
  const began = performance.now();
  runSegments(run, outputs, segmentsOf(run, 0, boundary(1)));
  const elapsed = record(run.kernel, began, boundary(1) * Math.max(run.size, 1));
  // A worker that does not answer in many times what the same work took here has died or starved: its examples are computed here.
  const deadline = performance.now() + Math.max(2000, 50 * elapsed);
  for (const { slot, segments } of jobs) {
    while (Atomics.load(status, slot) === 0) {
      const remaining = deadline - performance.now();
      if (remaining <= 0 || Atomics.wait(status, slot, 0, remaining) === "timed-out") break;
    }
    const answered = Atomics.load(status, slot) === 1;
    if (!answered) kernelPool.fail();
    if (!answered || Atomics.load(status, slot + 1) === 1) {
      if (answered) unportable.add(run.kernel);
      runSegments(run, outputs, segments);
    }
  }
}

/**
 * Examples `from` to `to` of the run as kernel calls, each `[count, outStart,
 * ...starts]`: one call per row they touch, its starts moved to the first example taken.
 */
function segmentsOf(run: KernelRun, from: number, to: number): number[] {
  const segments: number[] = [];
  for (let row = Math.floor(from / run.count); row * run.count < to; row++) {
    const first = Math.max(from, row * run.count) - row * run.count;
    const last = Math.min(to, (row + 1) * run.count) - row * run.count;
    const starts = run.startsOf(row);
    segments.push(last - first, row * run.count + first);
    for (let index = 0; index < starts.length; index++) segments.push(starts[index] + first * run.steps[index]);
  }
  return segments;
}

/** The elements of input `input` that `segments` read, `[from, to)`; their starts are moved to count from `from`. */
function readRange(run: KernelRun, segments: number[], input: number): [number, number] {
  const stride = 2 + run.inputs.length;
  let from = Infinity;
  let to = 0;
  for (let at = 0; at < segments.length; at += stride) {
    const start = segments[at + 2 + input];
    from = Math.min(from, start);
    to = Math.max(to, start + (segments[at] - 1) * run.steps[input] + run.extents[input]);
  }
  for (let at = 0; at < segments.length; at += stride) segments[at + 2 + input] -= from;
  return [from, to];
}

function runSegments(run: KernelRun, outputs: TypedArray[], segments: readonly number[]): void {
  const stride = 2 + run.inputs.length;
  for (let at = 0; at < segments.length; at += stride) {
    run.kernel(segments[at], run.size, run.inputs as TypedArray[], segments.slice(at + 2, at + stride), run.steps as number[], outputs, segments[at + 1], run.constants, kernelHelpers);
  }
}

/** Notes what the run cost per element; returns its milliseconds. */
function record(kernel: Kernel, began: number, elements: number): number {
  const elapsed = performance.now() - began;
  if (elements > 0) nanosecondsPerElement.set(kernel, (elapsed * 1e6) / elements);
  return elapsed;
}
