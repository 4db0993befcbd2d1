import { VmapError } from "./errors";
import { inheritParameterNames, parameterNames } from "./parameter-names";
import { type AxisSpec, checkAxisSpec, describeValue } from "./pytree";
import { warnUncompiledOnce } from "./uncompiled-warning";
import { batchArguments, batchSize } from "./vmap-arguments";
import { emptyResults, stackResults } from "./vmap-results";
import type { Batched, VmapOptions } from "./vmap-types";

export type { AxisSpec, AxisSpecFor, Batched, BooleanBatch, NumberBatch, VmapOptions } from "./vmap-types";

/**
 * JAX's `vmap`: turns `fn`, written for one example, into a function over a
 * batch. The transformer (tsvmap/transformer) replaces each call site with
 * batched code; a call that reaches this function was not compiled, so it
 * computes the same results by the reference semantics (`vmap.reference`) and
 * says so once per process on stderr.
 */
export function vmap<F extends (...args: any[]) => any, const O extends VmapOptions<Parameters<F>> = {}>(
  fn: F,
  options?: O,
): Batched<F, O> {
  warnUncompiledOnce(vmap);
  return reference(fn, options);
}

/**
 * The reference semantics of `vmap`, which compiled code must agree with:
 * for each example i, slice every mapped leaf at i along its in axis and call
 * `fn`; stack every result leaf along its out axis. Never warns.
 *
 * - A rank-0 slice reaches `fn` as a JS `number` (`boolean` for a bool leaf),
 *   since a per-example parameter typed `number` must get a number.
 * - An empty batch (mapped axes of size 0, or `axisSize: 0`) still has
 *   result shapes: `fn` is called once on a zero-filled example (each mapped
 *   leaf's slice as zeros of its shape and dtype), and only the structure,
 *   shapes and dtypes of that result are used, giving empty Tensors with a
 *   0-sized axis at each out axis. So `fn` runs once even for an empty batch.
 * - A result subtree whose out axis is `null` must be the same in every
 *   example, and is returned unbatched.
 */
function reference<F extends (...args: any[]) => any, const O extends VmapOptions<Parameters<F>> = {}>(
  fn: F,
  options?: O,
): Batched<F, O> {
  if (typeof fn !== "function") throw new VmapError(`vmap: expected a function to batch, got ${describeValue(fn)}`);
  const { inAxes, outAxes, axisSize } = readOptions(options);
  const names = parameterNames(fn);
  const batched = (...args: unknown[]): unknown => {
    const batch = batchArguments(args, inAxes, names);
    const size = batchSize(batch.mapped, axisSize, args.length);
    if (size === 0) return emptyResults(fn(...batch.zeroExample()), outAxes);
    return stackResults(size, (i) => fn(...batch.example(i)), outAxes);
  };
  inheritParameterNames(batched, fn);
  return batched as Batched<F, O>;
}

vmap.reference = reference;

interface CheckedOptions {
  readonly inAxes: AxisSpec;
  readonly outAxes: AxisSpec;
  readonly axisSize: number | undefined;
}

/** The options with defaults filled in, checked once when `vmap` is called rather than on every batched call. */
function readOptions(options: unknown): CheckedOptions {
  if (options === undefined) return { inAxes: 0, outAxes: 0, axisSize: undefined };
  if (typeof options !== "object" || options === null) {
    throw new VmapError(`vmap: options must be an object { inAxes?, outAxes?, axisSize?, chunkSize?, threads? }, got ${describeValue(options)}`);
  }
  const known = new Set(["inAxes", "outAxes", "axisSize", "chunkSize", "threads"]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new VmapError(`vmap: unknown option${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; the options are inAxes, outAxes, axisSize, chunkSize and threads`);
  }
  const { inAxes = 0, outAxes = 0, axisSize, chunkSize, threads } = options as { inAxes?: unknown; outAxes?: unknown; axisSize?: unknown; chunkSize?: unknown; threads?: unknown };
  // One example at a time on the calling thread already: a chunk size or thread count changes nothing here but must be a valid one.
  for (const [name, count] of [["chunkSize", chunkSize], ["threads", threads]] as const) {
    if (count !== undefined && !(typeof count === "number" && Number.isInteger(count) && count >= 1)) {
      throw new VmapError(`vmap: ${name} must be a positive integer, got ${describeValue(count)}`);
    }
  }
  checkAxisSpec(inAxes, "inAxes");
  checkAxisSpec(outAxes, "outAxes");
  if (axisSize !== undefined && !(typeof axisSize === "number" && Number.isInteger(axisSize) && axisSize >= 0)) {
    throw new VmapError(`vmap: axisSize must be a non-negative integer, got ${describeValue(axisSize)}`);
  }
  return { inAxes, outAxes, axisSize };
}
