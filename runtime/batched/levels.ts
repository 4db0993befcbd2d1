import { allocate } from "../dtype";
import { VmapError } from "../errors";
import { broadcastTo, moveaxis } from "../shape";
import { Tensor, formatShape } from "../tensor";
import { asFloat64, mappedNumbers, mappedShape, mappedTensor, toTensor, withUnitAxes } from "./tensors";

/** One mapped argument as emitted code lists it: its name, value, in axis, and how many outer batch axes lead it. */
export type MappedEntry = readonly [argument: string, value: unknown, axis: number, leading: number];

/**
 * The size of a vmap level, from every argument it maps. Inconsistent sizes,
 * an axis outside an argument's rank, or no size at all are VmapErrors that
 * name each argument, its axis and its size, as JAX reports them.
 */
export function axisSize(fnName: string, entries: readonly MappedEntry[], given?: number): number {
  // One pass without allocation where the sizes agree, as on every call; the error lists every argument.
  let size = given;
  for (let index = 0; index < entries.length; index++) {
    const [argument, value, axis, leading] = entries[index];
    // `null` and `undefined` are empty structures, as in the reference: nothing to map, no size.
    if (value === null || value === undefined) continue;
    // Only the shape is read here: `mapAxis` converts the argument, once.
    const fullShape = mappedShape(fnName, argument, value);
    const rank = fullShape.length - leading;
    if (axis < -rank || axis >= rank) {
      throw new VmapError(
        `vmap of ${fnName}: in axis ${axis} is out of range for argument ${argument} of shape ${formatShape(fullShape.slice(leading))} (rank ${rank}); an axis must be in [${-rank}, ${rank})`,
      );
    }
    const extent = fullShape[leading + (axis < 0 ? axis + rank : axis)];
    if (size === undefined) size = extent;
    else if (extent !== size) throw inconsistentSizes(fnName, entries, given);
  }
  if (size === undefined) throw new VmapError(`vmap of ${fnName}: no argument is mapped, so give axisSize`);
  return size;
}

function inconsistentSizes(fnName: string, entries: readonly MappedEntry[], given: number | undefined): VmapError {
  const lines = entries
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([argument, value, axis, leading]) => {
      const shape = mappedShape(fnName, argument, value).slice(leading);
      return `  * axis ${axis} of argument ${argument} of shape ${formatShape(shape)} has size ${shape[axis < 0 ? axis + shape.length : axis]}`;
    });
  if (given !== undefined) lines.push(`  * axisSize is ${given}`);
  return new VmapError(`vmap of ${fnName} got inconsistent sizes for the axes to be mapped:\n${lines.join("\n")}`);
}

/** Moves the mapped `axis` of an argument behind its `leading` batch axes: the new level's axis. `null` and `undefined` pass through. */
export function mapAxis<T>(value: T, axis: number, leading: number): T extends null | undefined ? T : Tensor;
export function mapAxis(value: unknown, axis: number, leading: number): Tensor | null | undefined {
  if (value === null || value === undefined) return value;
  return toLevel(mappedTensor("a vmapped function", "", value), axis, leading);
}

function toLevel(tensor: Tensor, axis: number, leading: number): Tensor {
  const rank = tensor.ndim - leading;
  const source = leading + (axis < 0 ? axis + rank : axis);
  return source === leading ? tensor : moveaxis(tensor, source, leading);
}

/**
 * `mapAxis` for a per-example `number`: the batch becomes float64, as JS
 * numbers are (a bool batch gives 0 and 1, as the reference's booleans do in
 * arithmetic). Each example must be a single number.
 */
export function mapNumbers(value: unknown, axis: number, leading: number): Tensor {
  // A typed array becomes float64 as it is copied, rather than copied as it is and converted after.
  const mapped = toLevel(mappedNumbers("a vmapped function", "", value), axis, leading);
  if (mapped.ndim !== leading + 1) {
    throw new VmapError(
      `vmap: a per-example number is mapped from an argument of shape ${formatShape(mapped.shape.slice(leading))}; ` +
        `its examples would have shape ${formatShape(mapped.shape.slice(leading + 1))}, not be numbers. Map a 1-D argument, or type the parameter Tensor`,
    );
  }
  return mapped.dtype === "bool" ? truthiness(mapped, "float64") : asFloat64(mapped);
}

/** `mapAxis` for a per-example `boolean`: each example is what JS takes the number as (NaN and 0 are false). */
export function mapBooleans(value: unknown, axis: number, leading: number): Tensor {
  const mapped = mapNumbers(value, axis, leading);
  return truthiness(mapped, "bool");
}

function truthiness(x: Tensor, dtype: "float64" | "bool"): Tensor {
  const data = allocate(dtype, x.size);
  const source = x.data;
  for (let i = 0; i < source.length; i++) data[i] = source[i] ? 1 : 0;
  return new Tensor(data, x.shape, dtype);
}

/** Moves a level's axis from `position` to the out axis, counted against the stacked result behind `leading` batch axes. */
export function unmapAxis<Empty extends null | undefined>(x: Tensor | Empty, position: number, leading: number, outAxis: number): Tensor | Empty {
  // An empty node (a value read past an array's end in every example) is the result as it is, as `broadcastAxis` keeps it.
  if (x === null || x === undefined) return x;
  const destination = leading + normalizeOutAxis(outAxis, x.ndim - leading, x, leading);
  return destination === position ? x : moveaxis(x, position, destination);
}

export function unmapNumbers<Empty extends null | undefined>(x: Tensor | Empty, position: number, leading: number, outAxis: number): Tensor | Empty {
  if (x === null || x === undefined) return x;
  return unmapAxis<never>(asFloat64(x), position, leading, outAxis);
}

/**
 * A result that does not depend on a level's mapped arguments, repeated `size`
 * times along the out axis (JAX broadcasts it too). `null` and `undefined` are
 * pytree nodes without leaves (a closed-over array read past its end at an
 * unbatched index, say): stacked, they stay themselves, as in the reference.
 */
export function broadcastAxis<Empty extends null | undefined>(x: Tensor | number | boolean | Empty, size: number, leading: number, outAxis: number): Tensor | Empty {
  if (x === null || x === undefined) return x;
  const tensor = toTensor(x);
  const destination = leading + normalizeOutAxis(outAxis, tensor.ndim - leading + 1, tensor, leading);
  const shape = [...tensor.shape.slice(0, destination), size, ...tensor.shape.slice(destination)];
  return broadcastTo(withUnitAxes(tensor, destination, 1), shape);
}

export function broadcastNumbers<Empty extends null | undefined>(x: Tensor | number | Empty, size: number, leading: number, outAxis: number): Tensor | Empty {
  if (x === null || x === undefined) return x;
  return asFloat64(broadcastAxis(x, size, leading, outAxis) as Tensor);
}

/**
 * Gives `x` the batch axes it lacks, at `positions`, with the levels' `sizes`.
 * `null` and `undefined` (an unbatched read past an array's end) are the same
 * for every example: they stay themselves, and what reads them meets them as
 * each example would.
 */
export function broadcastLevels<Empty extends null | undefined>(x: Tensor | number | boolean | Empty, positions: readonly number[], sizes: readonly number[]): Tensor | Empty {
  if (x === null || x === undefined) return x;
  let tensor = toTensor(x);
  const shape = tensor.shape.slice();
  positions.forEach((position, index) => {
    tensor = withUnitAxes(tensor, position, 1);
    shape.splice(position, 0, sizes[index]);
  });
  return broadcastTo(tensor, shape);
}

/** `axis` counted from 0 in a stacked result of `rank` axes past the batch axes; `result` (behind `leading` batch axes) is named when it is out of range. */
function normalizeOutAxis(axis: number, rank: number, result: Tensor, leading: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new VmapError(`vmap: out axis ${axis} is out of range for a result of per-example shape ${formatShape(result.shape.slice(leading))}; it must be in [${-rank}, ${rank})`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Whether any example still runs a loop whose test is batched. */
export function anyActive(test: Tensor | boolean): boolean {
  if (typeof test === "boolean") return test;
  for (let i = 0; i < test.size; i++) if (test.data[i]) return true;
  return false;
}
