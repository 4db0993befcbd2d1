import { np, vmap, type Tensor } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

/** W1, per example: the sum of squares of one vector. */
export function sumsq(vector: Tensor): number {
  return np.sum(np.square(vector));
}

export const sumsqBatched = vmap(sumsq);

/** The limit: one pass over the rows, one accumulator per row. */
export function sumsqLoop(rows: Float64Array, batch: number, length: number): Float64Array {
  const out = new Float64Array(batch);
  for (let i = 0, offset = 0; i < batch; i++) {
    let total = 0;
    for (let j = 0; j < length; j++, offset++) total += rows[offset] * rows[offset];
    out[i] = total;
  }
  return out;
}

function sumsqCase(batch: number, length: number): BenchCase {
  const data = new Random(1).normal(batch * length);
  const rows = np.array(data, [batch, length]);
  const perExample = vmap.reference(sumsq);
  return {
    workload: "sumsq",
    size: `${batch.toLocaleString("en-US")} × ${length}`,
    args: [rows],
    constants: {},
    batched: sumsqBatched,
    perExample: () => perExample(rows),
    handWritten: () => sumsqLoop(data, batch, length),
  };
}

export function cases(): BenchCase[] {
  return [sumsqCase(1_000_000, 3), sumsqCase(10_000, 1000)];
}
