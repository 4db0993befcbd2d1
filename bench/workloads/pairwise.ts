import { np, vmap, type Tensor } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

const count = 2000;
const dimensions = 3;

/** W5, per pair: the Euclidean distance between two points. */
export function distance(a: Tensor, b: Tensor): number {
  return np.sqrt(np.sum(np.square(np.sub(a, b))));
}

/** Every pair, written as JAX writes it, `vmap(vmap(...))`: no loop over either set of points. */
export const pairwiseBatched = vmap(vmap(distance, { inAxes: [null, 0] }), { inAxes: [0, null] });

/** The per-example semantics of both levels: `distance` called once per pair. */
const pairwiseByExample = vmap.reference(
  (a: Tensor, points: Tensor): Tensor => vmap.reference(distance, { inAxes: [null, 0] })(a, points),
  { inAxes: [0, null] },
);

/** The limit: a double loop over the pairs, the coordinates unrolled by the inner loop. */
export function pairwiseLoop(left: Float64Array, right: Float64Array, rows: number, cols: number, length: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let total = 0;
      for (let k = 0; k < length; k++) {
        const d = left[i * length + k] - right[j * length + k];
        total += d * d;
      }
      out[i * cols + j] = Math.sqrt(total);
    }
  }
  return out;
}

export function cases(): BenchCase[] {
  const random = new Random(6);
  const leftData = random.normal(count * dimensions);
  const rightData = random.normal(count * dimensions);
  const left = np.array(leftData, [count, dimensions]);
  const right = np.array(rightData, [count, dimensions]);
  return [
    {
      workload: "pairwise",
      size: `${count} × ${count} × ${dimensions}`,
      args: [left, right],
      constants: {},
      batched: pairwiseBatched,
      perExample: () => pairwiseByExample(left, right),
      handWritten: () => pairwiseLoop(leftData, rightData, count, count, dimensions),
    },
  ];
}
