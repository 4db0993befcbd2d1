import { describe, expect, it } from "vitest";
import { pairwisePlan, pairwiseSum } from "../../runtime/pairwise-sum";
import { Random } from "../harness/random";

/** A kernel's walk over a plan (transformer/emit/pairwise-loop.ts), written out once more. */
function walk(data: Float64Array, n: number): number {
  const plan = pairwisePlan(n);
  const partials = new Float64Array(plan.depth);
  let depth = 0;
  let index = 0;
  for (let leaf = 0; leaf < plan.leaves; leaf++) {
    const lanes = new Float64Array(8);
    for (; index < plan.blocksEnd[leaf]; index += 8) for (let lane = 0; lane < 8; lane++) lanes[lane] += data[index + lane];
    let total = lanes[0] + lanes[1] + (lanes[2] + lanes[3]) + (lanes[4] + lanes[5] + (lanes[6] + lanes[7]));
    for (; index < plan.ends[leaf]; index++) total += data[index];
    partials[depth++] = total;
    for (let merge = plan.merges[leaf]; merge > 0; merge--) {
      depth--;
      partials[depth - 1] += partials[depth];
    }
  }
  expect(depth).toBe(1);
  return 0 + partials[0];
}

describe("pairwise summation", () => {
  it("adds in one order, whether recursive (the op) or walked leaf by leaf (a kernel), for every length to 3000", () => {
    const values = new Random(3).normal([3000]).data as Float64Array;
    // Mixed magnitudes, so that another order rounds differently.
    const data = values.map((value, i) => value * 10 ** ((i * 7) % 13 - 6));
    for (let n = 1; n <= 3000; n++) expect(walk(data, n), `n = ${n}`).toBe(pairwiseSum(data, 0, n));
  });
  it("splits as numpy does: leaves of at most 128, left halves a multiple of 8 long", () => {
    const plan = pairwisePlan(1000);
    expect(Array.from(plan.ends)).toEqual([120, 248, 368, 496, 616, 744, 872, 1000]);
    expect(Array.from(plan.merges)).toEqual([0, 1, 0, 2, 0, 1, 0, 3]);
    expect(Array.from(plan.blocksEnd)).toEqual([120, 248, 368, 496, 616, 744, 872, 1000]);
    // A length that is no multiple of 8 leaves its rest to the last leaf, added one by one.
    const odd = pairwisePlan(1003);
    expect(odd.ends[odd.leaves - 1] - odd.blocksEnd[odd.leaves - 1]).toBe(3);
    expect(Array.from(odd.ends).slice(0, -1)).toEqual(Array.from(odd.blocksEnd).slice(0, -1));
  });
  it("sums -0s to 0 and fewer than 8 elements one by one", () => {
    expect(Object.is(pairwiseSum(new Float64Array([-0, -0, -0]), 0, 3), 0)).toBe(true);
    expect(Object.is(pairwiseSum(new Float64Array(20).fill(-0), 0, 20), 0)).toBe(true);
    const few = new Float64Array([1e16, 1, -1e16, 1]);
    expect(pairwiseSum(few, 0, 4)).toBe(1e16 + 1 - 1e16 + 1);
  });
});
