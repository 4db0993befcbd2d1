import { np, vmap } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

const batch = 1_000_000;

/** W6, per example: a branch on the example's value, which compiles to where() over both sides. */
export const select = (x: number): number => (x > 0 ? Math.sqrt(x) : -x * x);

export const selectBatched = vmap(select);

/** The limit: the branch taken per element, nothing else evaluated. */
export function selectLoop(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? Math.sqrt(v) : -v * v;
  }
  return out;
}

export function cases(): BenchCase[] {
  const data = new Random(7).normal(batch);
  const x = np.array(data);
  const perExample = vmap.reference(select);
  return [
    {
      workload: "select",
      size: batch.toLocaleString("en-US"),
      args: [x],
      constants: {},
      batched: selectBatched,
      perExample: () => perExample(x),
      handWritten: () => selectLoop(data),
    },
  ];
}
