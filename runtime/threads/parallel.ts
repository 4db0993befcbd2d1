import type { TypedArray } from "../dtype";
import { kernelHelpers } from "../scalar-math";
import type { Kernel } from "../batched/fuse";
import { kernelPool } from "./pool";
import { threadLimit } from "./settings";
import { stagingArray } from "./staging";

/**
 * A kernel over `rows × count` examples: row `r` is one call of the kernel on
 * `count` consecutive examples, its inputs read from `startsOf(r)`, its
 * outputs written from example `r * count` on. An example reads
 * `inputExtents[i]` elements of input `i` and writes `outputExtents[o]` of
 * output `o` (its size, or one number).
 */
export interface KernelRun {
  readonly kernel: Kernel;
  readonly size: number;
  readonly inputs: readonly TypedArray[];
  readonly steps: readonly number[];
  readonly inputExtents: readonly number[];
  readonly outputExtents: readonly number[];
  readonly constants: unknown[];
  readonly rows: number;
  readonly count: number;
  readonly startsOf: (row: number) => number[];
}

/**
 * A run goes to workers only where the runtime expects it to end sooner: each
 * worker's share of the work must outweigh copying its inputs into shared
 * memory and its results out, and this fixed cost of a job (bench: threads).
 */
const jobMilliseconds = 0.05;
/** Work below this many milliseconds on one thread is never split. */
const minimumParallelMilliseconds = 0.5;

/** What each kernel has cost per element, in nanoseconds, the last time it ran: the guess for its next run. */
const nanosecondsPerElement = new WeakMap<Kernel, number>();
/** What copying to and from shared memory costs per byte (first guess: between reused buffers). */
let copyNanosecondsPerByte = 0.1;
/** Kernels a worker could not load or run: they stay on the calling thread. */
const unportable = new WeakSet<Kernel>();

const statistics = { runs: 0, runsOnWorkers: 0, sharesHandedBack: 0 };

/** How many kernel runs there have been in this thread, how many of them used workers, and how many workers' shares the calling thread had to compute itself. */
export function threadStatistics(): Readonly<typeof statistics> {
  return { ...statistics };
}

/** Runs `run` into `outputs`: on the calling thread, or split between it and workers where that pays. */
export function runKernel(run: KernelRun, outputs: TypedArray[]): void {
  statistics.runs++;
  const workers = workersFor(run, outputs);
  if (workers.length === 0) {
    const began = performance.now();
    for (let row = 0; row < run.rows; row++) {
      run.kernel(run.count, run.size, run.inputs as TypedArray[], run.startsOf(row), run.steps as number[], outputs, row * run.count, run.constants, kernelHelpers);
    }
    record(run.kernel, began, run.rows * run.count * Math.max(run.size, 1));
    return;
  }
  let kernelFile: string;
  try {
    kernelFile = kernelPool.kernelFile(run.kernel);
  } catch {
    kernelPool.fail();
    return runKernel(run, outputs);
  }
  statistics.runsOnWorkers++;
  const total = run.rows * run.count;
  const parts = workers.length + 1;
  const boundary = (part: number) => Math.floor((part * total) / parts);
  const status = new Int32Array(new SharedArrayBuffer(8 * workers.length));
  const copying = performance.now();
  let copiedBytes = 0;
  // Each worker reads copies of its share of the inputs (inputs in shared memory already, in place) and writes
  // its share of the results to shared memory, copied into place when it is done: results are plain arrays.
  const jobs = workers.map((worker, position) => {
    const [first, last] = [boundary(position + 1), boundary(position + 2)];
    const segments = segmentsOf(run, first, last);
    const workerSegments = segments.slice();
    const stride = 2 + run.inputs.length;
    for (let at = 0; at < workerSegments.length; at += stride) workerSegments[at + 1] -= first;
    const inputs = run.inputs.map((array, input) => {
      if (array.buffer instanceof SharedArrayBuffer) return array;
      const [from, to] = readRange(run, workerSegments, input);
      const copy = stagingArray(`input ${position} ${input}`, array, to - from);
      copy.set(array.subarray(from, to));
      copiedBytes += copy.byteLength;
      return copy;
    });
    const results = outputs.map((array, output) => stagingArray(`output ${position} ${output}`, array, (last - first) * run.outputExtents[output]));
    const slot = 2 * position;
    kernelPool.post(worker, { kernelFile, segments: workerSegments, inputCount: inputs.length, size: run.size, inputs, steps: run.steps, outputs: results, constants: run.constants, status, slot });
    return { slot, first, segments, results };
  });
  const copiedIn = performance.now() - copying;
  const began = performance.now();
  runSegments(run, outputs, segmentsOf(run, 0, boundary(1)));
  const elapsed = record(run.kernel, began, boundary(1) * Math.max(run.size, 1));
  // A worker that does not answer in many times what the same work took here has died or starved: its examples are computed here.
  const deadline = performance.now() + Math.max(2000, 50 * elapsed);
  let copiedOut = 0;
  for (const { slot, first, segments, results } of jobs) {
    while (Atomics.load(status, slot) === 0) {
      const remaining = deadline - performance.now();
      if (remaining <= 0 || Atomics.wait(status, slot, 0, remaining) === "timed-out") break;
    }
    const answered = Atomics.load(status, slot) === 1;
    if (!answered) kernelPool.fail();
    if (answered && Atomics.load(status, slot + 1) === 0) {
      const copyingOut = performance.now();
      results.forEach((result, output) => outputs[output].set(result, first * run.outputExtents[output]));
      copiedOut += performance.now() - copyingOut;
      copiedBytes += results.reduce((bytes, result) => bytes + result.byteLength, 0);
      continue;
    }
    if (answered) unportable.add(run.kernel);
    statistics.sharesHandedBack++;
    runSegments(run, outputs, segments);
  }
  // Small copies measure the fixed cost of a copy more than its cost per byte; one slow copy (the thread descheduled) moves the guess half way.
  if (copiedBytes >= 1 << 20) copyNanosecondsPerByte = (copyNanosecondsPerByte + ((copiedIn + copiedOut) * 1e6) / copiedBytes) / 2;
}

/**
 * The workers that should share a run with the calling thread: none when
 * threads are limited to one, when the kernel has not yet run here (its cost
 * is unknown), or when splitting would not pay.
 */
function workersFor(run: KernelRun, outputs: readonly TypedArray[]): number[] {
  const limit = threadLimit();
  const examples = run.rows * run.count;
  if (limit <= 1 || examples < 2 || !kernelPool.usable || unportable.has(run.kernel)) return [];
  const cost = nanosecondsPerElement.get(run.kernel);
  if (cost === undefined) return [];
  const alone = (cost * examples * Math.max(run.size, 1)) / 1e6;
  if (alone < minimumParallelMilliseconds) return [];
  let bytes = 0;
  for (const array of run.inputs) if (!(array.buffer instanceof SharedArrayBuffer)) bytes += array.byteLength;
  for (const array of outputs) bytes += array.byteLength;
  const pays = (threads: number) => alone / threads + (copyNanosecondsPerByte * bytes * (threads - 1)) / threads / 1e6 + jobMilliseconds < alone;
  const wanted = Math.min(limit, examples);
  if (!pays(wanted)) return [];
  const workers = kernelPool.startedWorkers(wanted - 1);
  return workers.length > 0 && pays(workers.length + 1) ? workers : [];
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
    to = Math.max(to, start + (segments[at] - 1) * run.steps[input] + run.inputExtents[input]);
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
