import type { TypedArray } from "../dtype";
import { kernelHelpers } from "../scalar-math";
import type { Kernel } from "../batched/fuse";
import { kernelPool } from "./pool";
import { splitsAlways, threadLimit } from "./settings";
import { chunkState, takeChunks } from "./claim";
import { stagingArray } from "./staging";
import { waitWhileZero } from "./wait";

/**
 * A kernel over `rows × count` examples: row `r` is one call of the kernel on
 * `count` consecutive examples, its inputs read from `rowStarts(run, r)`, its
 * outputs written from example `r * count` on. An example writes
 * `outputExtents[o]` elements of output `o` (its size, or one number). Rows
 * are the positions along the outer levels, `outerShape` (none with one
 * level), where input `i` moves `outerStrides[i][axis]` elements per step.
 */
export interface KernelRun {
  readonly kernel: Kernel;
  readonly size: number;
  readonly inputs: readonly TypedArray[];
  readonly steps: readonly number[];
  readonly outputExtents: readonly number[];
  readonly constants: unknown[];
  readonly rows: number;
  readonly count: number;
  readonly outerShape: readonly number[];
  readonly outerStrides: readonly (readonly number[])[];
}

/**
 * A run goes to workers only where the runtime expects it to end sooner: the
 * work they take must outweigh copying the inputs into shared memory and their
 * results out, and this fixed cost of a job (bench: threads).
 */
const jobMilliseconds = 0.2;
/** A threaded run is cut into this many chunks per thread, so that a slower thread takes fewer of them. */
const chunksPerThread = 8;
/** Work below this many milliseconds on one thread is never split. */
const minimumParallelMilliseconds = 1;
/** Runs over fewer elements than this are never split, so never timed: at 250 ns an element they would still be under a millisecond. */
const minimumTimedElements = 4096;

/** What each kernel has cost per element, in nanoseconds, the last time it ran: the guess for its next run. */
const nanosecondsPerElement = new WeakMap<Kernel, number>();
/** What copying to and from shared memory costs per byte (first guess: between reused buffers). */
let copyNanosecondsPerByte = 0.1;
let copyMeasured = false;
/** Kernels a worker could not load or run: they stay on the calling thread. */
const unportable = new WeakSet<Kernel>();

const statistics = { runs: 0, runsOnWorkers: 0, chunksOnWorkers: 0, chunksTakenBack: 0 };

/** How many kernel runs there have been in this thread, how many of them used workers, how many chunks workers computed, and how many a worker took and the calling thread then computed. */
export function threadStatistics(): Readonly<typeof statistics> {
  return { ...statistics };
}

/** Runs `run` into `outputs`: on the calling thread, or split between it and workers where that pays. */
export function runKernel(run: KernelRun, outputs: TypedArray[]): void {
  statistics.runs++;
  const elements = run.rows * run.count * Math.max(run.size, 1);
  // A small run is neither split nor timed: the clock would cost a call at B = 1 more than the kernel.
  const workers = elements < minimumTimedElements ? [] : workersFor(run, outputs);
  if (workers.length === 0) {
    const began = elements < minimumTimedElements ? 0 : performance.now();
    for (let row = 0; row < run.rows; row++) {
      run.kernel(run.count, run.size, run.inputs as TypedArray[], rowStarts(run, row), run.steps as number[], outputs, row * run.count, run.constants, kernelHelpers);
    }
    if (elements >= minimumTimedElements) record(run.kernel, began, elements);
    return;
  }
  let kernelLocation: string;
  try {
    kernelLocation = kernelPool.kernelLocation(run.kernel);
  } catch {
    kernelPool.fail();
    return runKernel(run, outputs);
  }
  runOnWorkers(run, outputs, workers, kernelLocation);
}

/**
 * The run cut into chunks that the calling thread and `workers` take in turn
 * (`takeChunks`). Workers read the inputs from shared memory (a copy, unless
 * they are there already) and write their chunks' results to shared memory,
 * copied into place once they are done: results are plain arrays.
 */
function runOnWorkers(run: KernelRun, outputs: TypedArray[], workers: readonly number[], kernelLocation: string): void {
  statistics.runsOnWorkers++;
  const total = run.rows * run.count;
  const chunkCount = Math.min(total, (workers.length + 1) * chunksPerThread);
  const boundary = (chunk: number) => Math.floor((chunk * total) / chunkCount);
  const chunks = Array.from({ length: chunkCount }, (_, chunk) => segmentsOf(run, boundary(chunk), boundary(chunk + 1)));
  const copying = performance.now();
  const inputs = run.inputs.map((array, input) => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const copy = stagingArray(`input ${input}`, array, array.length);
    copy.set(array);
    return copy;
  });
  const copiedIn = performance.now() - copying;
  const results = outputs.map((array, output) => stagingArray(`output ${output}`, array, array.length));
  const shared = { chunks, counter: new Int32Array(new SharedArrayBuffer(4)), states: new Int32Array(new SharedArrayBuffer(4 * chunkCount)), size: run.size, steps: run.steps as number[], constants: run.constants };
  const status = new Int32Array(new SharedArrayBuffer(8 * workers.length));
  workers.forEach((worker, position) => kernelPool.post(worker, { ...shared, kernelLocation, inputs, outputs: results, status, slot: 2 * position }));
  const began = performance.now();
  const examples = takeChunks({ ...shared, inputs: run.inputs as TypedArray[], outputs }, run.kernel, kernelHelpers, chunkState.calling, chunkState.calling);
  const elapsed = record(run.kernel, began, examples * Math.max(run.size, 1));
  // A worker that does not answer in many times what the same work took here has died or starved: its chunks are computed here.
  const deadline = performance.now() + Math.max(2000, 50 * elapsed);
  workers.forEach((_, position) => {
    const slot = 2 * position;
    waitWhileZero(status, slot, deadline);
    if (Atomics.load(status, slot) === 0) kernelPool.fail();
    else if (Atomics.load(status, slot + 1) === 1) unportable.add(run.kernel);
  });
  const copyingOut = performance.now();
  let copiedBytes = inputs.reduce((bytes, input, index) => (input === run.inputs[index] ? bytes : bytes + input.byteLength), 0);
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const state = Atomics.load(shared.states, chunk);
    if (state === chunkState.calling) continue;
    if (state !== chunkState.done) {
      statistics.chunksTakenBack++;
      runSegments(run, outputs, chunks[chunk]);
      continue;
    }
    statistics.chunksOnWorkers++;
    outputs.forEach((output, index) => {
      const [from, to] = [boundary(chunk) * run.outputExtents[index], boundary(chunk + 1) * run.outputExtents[index]];
      output.set(results[index].subarray(from, to), from);
      copiedBytes += (to - from) * output.BYTES_PER_ELEMENT;
    });
  }
  // Small copies measure the fixed cost of a copy more than its cost per byte. The fastest copy yet is the machine's
  // cost: a slower one was descheduled, and taken as the cost it would keep every later run from trying threads again.
  if (copiedBytes >= 1 << 20) {
    const measured = ((copiedIn + performance.now() - copyingOut) * 1e6) / copiedBytes;
    copyNanosecondsPerByte = copyMeasured ? Math.min(copyNanosecondsPerByte, measured) : measured;
    copyMeasured = true;
  }
}

/**
 * The workers that should share a run with the calling thread: none when
 * threads are limited to one, when the kernel has not yet run here (its cost
 * is unknown), or when splitting would not pay (unless `splitsAlways`).
 */
function workersFor(run: KernelRun, outputs: readonly TypedArray[]): number[] {
  const limit = threadLimit();
  const examples = run.rows * run.count;
  if (limit <= 1 || examples < 2 || !kernelPool.usable || unportable.has(run.kernel)) return [];
  const cost = nanosecondsPerElement.get(run.kernel);
  if (cost === undefined) return [];
  const wanted = Math.min(limit, examples);
  if (splitsAlways()) return kernelPool.startedWorkers(wanted - 1);
  const alone = (cost * examples * Math.max(run.size, 1)) / 1e6;
  if (alone < minimumParallelMilliseconds) return [];
  let inputBytes = 0;
  for (const array of run.inputs) if (!(array.buffer instanceof SharedArrayBuffer)) inputBytes += array.byteLength;
  let outputBytes = 0;
  for (const array of outputs) outputBytes += array.byteLength;
  const copied = (threads: number) => inputBytes + (outputBytes * (threads - 1)) / threads;
  const pays = (threads: number) => alone / threads + (copyNanosecondsPerByte * copied(threads)) / 1e6 + jobMilliseconds < alone;
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
    const starts = rowStarts(run, row);
    segments.push(last - first, row * run.count + first);
    for (let index = 0; index < starts.length; index++) segments.push(starts[index] + first * run.steps[index]);
  }
  return segments;
}

/**
 * Where each input's examples of row `row` start: its position along the
 * outer levels, read in mixed radix. Data, not a closure made per call:
 * optimized code that called a closure is thrown away once a GC collects it,
 * and its recompiling on a background thread took the core a worker was
 * about to run on (3 ms per call in bench: threads, where a GC precedes every call).
 */
function rowStarts(run: KernelRun, row: number): number[] {
  const starts: number[] = [];
  for (let input = 0; input < run.inputs.length; input++) starts.push(0);
  for (let input = 0; input < run.outerStrides.length; input++) {
    const strides = run.outerStrides[input];
    for (let axis = run.outerShape.length - 1, rest = row; axis >= 0; axis--) {
      starts[input] += (rest % run.outerShape[axis]) * strides[axis];
      rest = Math.floor(rest / run.outerShape[axis]);
    }
  }
  return starts;
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
