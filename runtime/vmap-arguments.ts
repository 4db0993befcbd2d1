import { array, zeros } from "./create";
import { isTypedArray } from "./dtype";
import { VmapError } from "./errors";
import {
  type AxisSpec,
  type TreeDef,
  type TreePath,
  describeValue,
  flatten,
  flattenUpTo,
  formatPath,
  isSpecArray,
  unflatten,
} from "./pytree";
import { index, moveaxis, slice } from "./shape";
import { Tensor, formatShape } from "./tensor";

/**
 * The argument side of the reference vmap: which leaves are mapped, the size
 * of their mapped axes, and the arguments of each example.
 */

/** A mapped leaf of the arguments, with its mapped axis moved to the front for slicing. */
export interface MappedLeaf {
  /** Names the leaf for the user: `argument 1 (params) at args[1].weights`. */
  readonly place: string;
  /** The mapped axis as the user gave it (negative axes stay negative in messages). */
  readonly axis: number;
  readonly normalizedAxis: number;
  /** The leaf as it was passed, a typed array read as a 1-D Tensor. */
  readonly leaf: Tensor;
  /** The size of the mapped axis. */
  readonly size: number;
  /** `leaf` with the mapped axis moved to the front, so that example i is `index(batchFirst, i)`; moved on first use. */
  readonly batchFirst: Tensor;
  /** The leaf exactly as the caller passed it. */
  readonly given: unknown;
}

/** A top-level spec leaf's subtree: passed whole (`null`), or mapped with these leaves. */
type Part =
  | { readonly mapped: false; readonly subtree: unknown }
  | { readonly mapped: true; readonly def: TreeDef; readonly leaves: readonly MappedLeaf[] };

export interface BatchedArguments {
  readonly mapped: readonly MappedLeaf[];
  /** The arguments as plain trees holding the leaves they were given: every getter read once, every structure checked. */
  readonly arguments: unknown[];
  /** The arguments of example `i`: every mapped leaf sliced at `i` along its axis. */
  example(i: number): unknown[];
  /** Arguments shaped like one example's, every mapped leaf's slice zero-filled (for an empty batch). */
  zeroExample(): unknown[];
  /** The arguments as a batch of that one zero-filled example: every mapped axis of size 1. */
  zeroBatch(): unknown[];
  /** The arguments of examples `start` to `end` (excluded), as a batch: every mapped leaf sliced along its axis. */
  chunk(start: number, end: number): unknown[];
}

/** Matches `inAxes` against `args` and prepares the mapped leaves for slicing. */
export function batchArguments(
  args: readonly unknown[],
  inAxes: AxisSpec,
  names: readonly (string | undefined)[],
): BatchedArguments {
  const place = (path: TreePath): string => describeArgument(path, names);
  const top = flattenUpTo(specPerArgument(inAxes, args.length), args, [], "inAxes", place);
  const parts: Part[] = top.leaves.map(({ path, value: { axis, subtree } }) => {
    if (axis === null) return { mapped: false, subtree };
    const { def, leaves } = flatten(subtree, path);
    return { mapped: true, def, leaves: leaves.map((leaf) => mapLeaf(leaf.value, axis, place(leaf.path))) };
  });
  const partValue = (part: Part, leafValue: (leaf: MappedLeaf) => unknown): unknown => {
    if (!part.mapped) return part.subtree;
    return part.def.kind === "leaf" ? leafValue(part.leaves[0]) : unflatten(part.def, part.leaves.map(leafValue));
  };
  // Built once per example: when each argument has one spec, the arguments are the parts, with no tree to rebuild.
  const oneSpecEach = top.def.kind === "array" && top.def.children.every((child) => child.kind === "leaf");
  const build = (leafValue: (leaf: MappedLeaf) => unknown): unknown[] => {
    const values = parts.map((part) => partValue(part, leafValue));
    return oneSpecEach ? values : (unflatten(top.def, values) as unknown[]);
  };
  return {
    mapped: parts.flatMap((part) => (part.mapped ? part.leaves : [])),
    arguments: build((leaf) => leaf.given),
    example: (i) => build((leaf) => exampleAt(leaf.batchFirst, i)),
    zeroExample: () => build((leaf) => exampleValue(zeros(leaf.batchFirst.shape.slice(1), leaf.leaf.dtype))),
    zeroBatch: () => build((leaf) => zeros(leaf.leaf.shape.map((extent, axis) => (axis === leaf.normalizedAxis ? 1 : extent)), leaf.leaf.dtype)),
    chunk: (start, end) => build((leaf) => slice(leaf.leaf, start, end, leaf.normalizedAxis)),
  };
}

/** One spec per argument: a top-level array gives them one by one, anything else applies to every argument. */
function specPerArgument(inAxes: AxisSpec, count: number): readonly AxisSpec[] {
  if (!isSpecArray(inAxes)) return new Array<AxisSpec>(count).fill(inAxes);
  checkArgumentCount(inAxes.length, count);
  return inAxes;
}

/** An `inAxes` list has one spec per argument: the caller must pass exactly that many. */
export function checkArgumentCount(specs: number, count: number): void {
  if (specs !== count) {
    throw new VmapError(
      `vmap: inAxes is an array of ${specs} specs, one per argument, but the function was called with ` +
        `${count} argument${count === 1 ? "" : "s"}; to give a spec for a single array-valued argument, wrap it: [[0, null]]`,
    );
  }
}

function mapLeaf(value: unknown, axis: number, place: string): MappedLeaf {
  if (typeof value === "number" || typeof value === "boolean") {
    throw new VmapError(
      `vmap: inAxes maps ${place}, which is the JS ${typeof value} ${value} and has no axis to map; ` +
        `give it inAxes null to pass it whole to every example, or pass a Tensor or typed array`,
    );
  }
  if (!(value instanceof Tensor) && !isTypedArray(value)) {
    throw new VmapError(
      `vmap: inAxes maps ${place}, which is ${describeValue(value)}; only Tensors and typed arrays ` +
        `(Float64Array, Float32Array, Int32Array, Uint8Array) can be mapped; give it inAxes null to pass it whole to every example`,
    );
  }
  const leaf = value instanceof Tensor ? value : array(value);
  const rank = leaf.ndim;
  if (axis < -rank || axis >= rank) {
    const valid = rank === 0 ? "a rank-0 Tensor has no axis to map" : `valid axes are ${-rank} to ${rank - 1}`;
    throw new VmapError(
      `vmap: inAxes gives axis ${axis} for ${place} of shape ${formatShape(leaf.shape)}, ` +
        `which is out of range for rank ${rank} (${valid})`,
    );
  }
  const normalized = axis < 0 ? axis + rank : axis;
  let batchFirst: Tensor | undefined;
  return {
    place,
    axis,
    normalizedAxis: normalized,
    leaf,
    given: value,
    size: leaf.shape[normalized],
    get batchFirst() {
      batchFirst ??= normalized === 0 ? leaf : moveaxis(leaf, normalized, 0);
      return batchFirst;
    },
  };
}

/** Example `i` of a leaf whose mapped axis is first; an element of a 1-D leaf is read as is, with no Tensor made for it. */
function exampleAt(batchFirst: Tensor, i: number): unknown {
  if (batchFirst.ndim !== 1) return exampleValue(index(batchFirst, i));
  const element = batchFirst.data[i];
  return batchFirst.dtype === "bool" ? element !== 0 : element;
}

/**
 * What the per-example function receives for one slice: a Tensor, except that
 * a rank-0 slice is a JS `number` (`boolean` for bool), since a per-example
 * parameter typed `number` must get a number.
 */
function exampleValue(slice: Tensor): unknown {
  if (slice.ndim > 0) return slice;
  return slice.dtype === "bool" ? slice.item() !== 0 : slice.item();
}

/** `argument 1 (params)`, or `argument 1 (params) at args[1].weights` for a leaf inside it. */
export function describeArgument(path: TreePath, names: readonly (string | undefined)[]): string {
  const position = path[0] as number;
  const name = names[position];
  const argument = `argument ${position}${name === undefined ? "" : ` (${name})`}`;
  return path.length > 1 ? `${argument} at ${formatPath("args", path)}` : argument;
}

/**
 * The batch size: the common size of the mapped axes, checked against
 * `axisSize` when that is given; `axisSize` alone when nothing is mapped.
 */
export function batchSize(mapped: readonly MappedLeaf[], axisSize: number | undefined, argumentCount: number): number {
  const sizes = new Map<number, MappedLeaf[]>();
  for (const leaf of mapped) {
    const size = leaf.size;
    sizes.set(size, [...(sizes.get(size) ?? []), leaf]);
  }
  if (sizes.size > 1) {
    const lines = [...sizes].map(([size, leaves]) => {
      const count = leaves.length === 1 ? "one axis" : `${leaves.length} axes`;
      return `  * ${count} had size ${size}: ${leaves.map(describeMappedAxis).join("; ")}`;
    });
    throw new VmapError(`vmap got inconsistent sizes for array axes to be mapped:\n${lines.join("\n")}`);
  }
  const [mappedSize] = sizes.keys();
  if (mappedSize === undefined) {
    if (axisSize !== undefined) return axisSize;
    const which = argumentCount === 0 ? "the function was called with no arguments" : "inAxes maps no argument";
    throw new VmapError(
      `vmap: ${which}, so the batch size is unknown; pass axisSize in the options, or map an argument with inAxes`,
    );
  }
  if (axisSize !== undefined && axisSize !== mappedSize) {
    throw new VmapError(
      `vmap: axisSize is ${axisSize} but the mapped axes have size ${mappedSize}: ${mapped.map(describeMappedAxis).join("; ")}`,
    );
  }
  return mappedSize;
}

/** `axis 0 of argument 0 (x) of type float64[3,2]`, as JAX names a mapped axis. */
function describeMappedAxis(leaf: MappedLeaf): string {
  return `axis ${leaf.axis} of ${leaf.place} of type ${leaf.leaf.dtype}[${leaf.leaf.shape.join(",")}]`;
}

/**
 * The boundary of compiled code, shared with the reference: checks `args`
 * against `inAxes` as `vmap.reference` does (structures, leaves that can be
 * mapped, consistent sizes, `axisSize`) and gives them back as plain trees of
 * the leaves passed, each getter read once, for the compiled code to read.
 */
export function checkArguments(
  args: readonly unknown[],
  inAxes: AxisSpec,
  names: readonly (string | undefined)[],
  axisSize?: number,
): unknown[] {
  const batch = batchArguments(args, inAxes, names);
  batchSize(batch.mapped, axisSize, args.length);
  return batch.arguments;
}
