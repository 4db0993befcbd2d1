import type { Tensor } from "tsvmap";

/**
 * One workload at one size: its inputs, made once, and the tsvmap-side ways
 * to compute it. The peers (bench/implementations/) rebuild the same
 * computation from `args` and `constants`, keyed by `workload`.
 */
export interface BenchCase {
  /** The workload's name in DESIGN §7: sumsq, affine, blackscholes, softmax, pairwise, select. */
  readonly workload: string;
  /** The batch and example sizes, as the table prints them. */
  readonly size: string;
  /** The arguments of the batched call, float64, in the per-example function's parameter order. */
  readonly args: readonly Tensor[];
  /** The constants the per-example function closes over. */
  readonly constants: Readonly<Record<string, Tensor | number>>;
  /**
   * The compiled `vmap(...)`. The bench applies it to `args`, to float32
   * copies of them, and to the same values as plain JS data.
   */
  readonly batched: (...args: any[]) => Tensor;
  /** The compiled `vmap(...)` for float32 inputs, where the per-example function closes over float64 constants that a float32 user would declare float32. */
  readonly batchedFloat32?: (...args: any[]) => Tensor;
  /** `vmap.reference(...)` applied to `args`: the per-example loop, and the values every implementation is checked against. */
  readonly perExample: () => Tensor;
  /** The hand-written fused Float64Array loop over the same inputs: the limit. */
  readonly handWritten: () => Float64Array;
}
