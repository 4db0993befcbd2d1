import { np, vmap, type Tensor } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

const batch = 10_000;
const classes = 512;

/** W4, per example: the softmax of one row of logits. */
export const softmax = (logits: Tensor): Tensor => np.softmax(logits);

export const softmaxBatched = vmap(softmax);

/** The limit: per row, one pass for the max, one for exp and the sum, one to normalise. */
export function softmaxLoop(logits: Float64Array, rows: number, length: number): Float64Array {
  const out = new Float64Array(rows * length);
  for (let i = 0; i < rows; i++) {
    const start = i * length;
    const end = start + length;
    let max = -Infinity;
    for (let j = start; j < end; j++) if (logits[j] > max) max = logits[j];
    let total = 0;
    for (let j = start; j < end; j++) {
      const e = Math.exp(logits[j] - max);
      out[j] = e;
      total += e;
    }
    for (let j = start; j < end; j++) out[j] /= total;
  }
  return out;
}

export function cases(): BenchCase[] {
  const data = new Random(5).normal(batch * classes, 3);
  const logits = np.array(data, [batch, classes]);
  const perExample = vmap.reference(softmax);
  return [
    {
      workload: "softmax",
      size: `${batch.toLocaleString("en-US")} × ${classes}`,
      args: [logits],
      constants: {},
      batched: softmaxBatched,
      perExample: () => perExample(logits),
      handWritten: () => softmaxLoop(data, batch, classes),
    },
  ];
}
