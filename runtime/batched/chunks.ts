import { type DType, allocate, promote } from "../dtype";
import { type AxisSpec, type TreeDef, flatten, flattenUpTo, formatPath, unflatten } from "../pytree";
import { Tensor, shapeSize } from "../tensor";
import { batchArguments } from "../vmap-arguments";

type Batched = (...args: unknown[]) => unknown;

/**
 * `vmap(f, { chunkSize })` compiled: the batched program runs on `chunkSize`
 * examples at a time, so its intermediates are never larger than one chunk's,
 * and each chunk's results are copied into the whole batch's at their place
 * along the out axes. A result's dtype is promoted across chunks where they
 * differ (a branch whose examples take one side in one chunk and the other in
 * the next), as the reference's stacking of the examples promotes it.
 */
export function inChunks(batched: Batched, chunkSize: number, inAxes: AxisSpec, outAxes: AxisSpec): Batched {
  return function chunked(...args: unknown[]): unknown {
    const batch = batchArguments(args, inAxes, []);
    const sizes = new Set(batch.mapped.map((leaf) => leaf.size));
    // With nothing mapped, or sizes that disagree (the batched function names them), there is nothing to cut.
    if (sizes.size !== 1) return batched(...args);
    const [size] = sizes;
    if (size <= chunkSize) return batched(...args);
    let whole: Whole | undefined;
    for (let start = 0; start < size; start += chunkSize) {
      const part = batched(...batch.chunk(start, Math.min(size, start + chunkSize)));
      whole ??= new Whole(part, outAxes, size);
      whole.write(part, start);
    }
    return whole!.result();
  };
}

/** A mapped result leaf of the whole batch, filled chunk by chunk: `shape` with the batch along `axis`. */
interface Stacked {
  data: ReturnType<typeof allocate>;
  dtype: DType;
  readonly shape: readonly number[];
  readonly axis: number;
}

/** The whole batch's result, shaped by the first chunk's: mapped leaves are allocated whole, unmapped ones are the first chunk's. */
class Whole {
  private readonly def: TreeDef;
  private readonly parts: ({ readonly unmapped: unknown } | { readonly def: TreeDef; readonly leaves: Stacked[] })[];

  constructor(first: unknown, private readonly outAxes: AxisSpec, size: number) {
    const top = this.top(first);
    this.def = top.def;
    this.parts = top.leaves.map(({ path, value: { axis, subtree } }) => {
      if (axis === null) return { unmapped: subtree };
      const { def, leaves } = flatten(subtree, path);
      return {
        def,
        leaves: leaves.map((leaf) => {
          const chunk = leaf.value as Tensor;
          const along = axis < 0 ? axis + chunk.ndim : axis;
          const shape = chunk.shape.map((extent, position) => (position === along ? size : extent));
          return { data: allocate(chunk.dtype, shapeSize(shape)), dtype: chunk.dtype, shape, axis: along };
        }),
      };
    });
  }

  /** Copies a chunk's results in at example `start`: per index before the batch axis, one block of the chunk's examples. */
  write(chunkResult: unknown, start: number): void {
    this.top(chunkResult).leaves.forEach(({ path, value: { subtree } }, index) => {
      const part = this.parts[index];
      if ("unmapped" in part) return;
      flatten(subtree, path).leaves.forEach((leaf, position) => {
        const chunk = leaf.value as Tensor;
        const stacked = part.leaves[position];
        if (chunk.dtype !== stacked.dtype) widen(stacked, promote(stacked.dtype, chunk.dtype));
        const inner = shapeSize(stacked.shape.slice(stacked.axis + 1));
        const outer = shapeSize(stacked.shape.slice(0, stacked.axis));
        const block = chunk.shape[stacked.axis] * inner;
        for (let row = 0; row < outer; row++) {
          stacked.data.set(chunk.data.subarray(row * block, (row + 1) * block), (row * stacked.shape[stacked.axis] + start) * inner);
        }
      });
    });
  }

  result(): unknown {
    return unflatten(
      this.def,
      this.parts.map((part) => ("unmapped" in part ? part.unmapped : unflatten(part.def, part.leaves.map((leaf) => new Tensor(leaf.data, leaf.shape, leaf.dtype))))),
    );
  }

  private top(result: unknown) {
    return flattenUpTo(this.outAxes, result, [], "outAxes", (path) => formatPath("result", path));
  }
}

/** Holds a leaf's elements in a wider dtype from here on; the chunks written so far are exact in it. */
function widen(stacked: Stacked, dtype: DType): void {
  if (dtype === stacked.dtype) return;
  const data = allocate(dtype, stacked.data.length);
  data.set(stacked.data);
  stacked.data = data;
  stacked.dtype = dtype;
}
