import type { TypedArray } from "./dtype";

/**
 * numpy's pairwise summation, the order in which `np.add.reduce` adds a
 * contiguous run (its `pairwise_sum`): a run of fewer than 8 elements left to
 * right; one of up to 128 in 8 lanes (element i into lane i % 8), the lanes
 * added as ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7)), then the last n % 8 one
 * by one; a longer run split in two at a multiple of 8 near its middle, each
 * half summed so and the two added. The sum starts from 0, so -0s sum to 0.
 *
 * Its rounding error grows as log n, not n, and the 8 lanes are 8 independent
 * chains of additions, which a CPU overlaps: about twice as fast as one
 * accumulator on long rows. Compiled kernels add in this order too
 * (`pairwisePlan`), so a fused sum and the op agree to the last bit.
 */
export const laneCount = 8;
export const leafLength = 128;

/** The sum of `data[start ... start + n)` in numpy's pairwise order, from 0. */
export function pairwiseSum(data: TypedArray, start: number, n: number): number {
  return 0 + pairwise(data, start, n);
}

function pairwise(data: TypedArray, start: number, n: number): number {
  if (n > leafLength) {
    const half = splitAt(n);
    return pairwise(data, start, half) + pairwise(data, start + half, n - half);
  }
  const blocksEnd = start + n - (n % laneCount);
  let lane0 = 0, lane1 = 0, lane2 = 0, lane3 = 0, lane4 = 0, lane5 = 0, lane6 = 0, lane7 = 0;
  let i = start;
  for (; i < blocksEnd; i += laneCount) {
    lane0 += data[i];
    lane1 += data[i + 1];
    lane2 += data[i + 2];
    lane3 += data[i + 3];
    lane4 += data[i + 4];
    lane5 += data[i + 5];
    lane6 += data[i + 6];
    lane7 += data[i + 7];
  }
  let total = (lane0 + lane1) + (lane2 + lane3) + ((lane4 + lane5) + (lane6 + lane7));
  for (const end = start + n; i < end; i++) total += data[i];
  return total;
}

/** Where numpy splits a run longer than a leaf: half of it, rounded down to a multiple of 8. */
function splitAt(n: number): number {
  const half = Math.floor(n / 2);
  return half - (half % laneCount);
}

/** `out[o] = pairwiseSum of input[o·length ... (o + 1)·length)` for o < outer: the sum monoid's fold. */
export function pairwiseSumFold(out: Float64Array, input: TypedArray, outer: number, length: number): void {
  for (let o = 0, base = 0; o < outer; o++, base += length) out[o] = pairwiseSum(input, base, length);
}

/**
 * The leaves of numpy's pairwise order over n elements, for a kernel that
 * walks them in one pass: leaf k ends at `ends[k]`, its 8-lane blocks at
 * `blocksEnd[k]` (the rest added one by one); after it, `merges[k]` partial
 * sums on the kernel's stack are added into the one below (a leaf that ends a
 * right half completes its parent). `depth` is the most the stack holds.
 */
export interface PairwisePlan {
  readonly leaves: number;
  readonly ends: Int32Array;
  readonly blocksEnd: Int32Array;
  readonly merges: Int32Array;
  readonly depth: number;
}

const plans = new Map<number, PairwisePlan>();

export function pairwisePlan(n: number): PairwisePlan {
  let plan = plans.get(n);
  if (plan === undefined) {
    plan = planOf(n);
    if (plans.size >= 64) plans.clear();
    plans.set(n, plan);
  }
  return plan;
}

function planOf(n: number): PairwisePlan {
  const ends: number[] = [];
  const blocksEnd: number[] = [];
  const merges: number[] = [];
  let depth = 1;
  // `rightHalves`: how many halves this run ends that are right halves, each completing its parent when it is done.
  const visit = (start: number, length: number, rightHalves: number, level: number): void => {
    if (length > leafLength) {
      const half = splitAt(length);
      visit(start, half, 0, level + 1);
      visit(start + half, length - half, rightHalves + 1, level + 1);
      return;
    }
    depth = Math.max(depth, level + 1);
    ends.push(start + length);
    blocksEnd.push(start + length - (length % laneCount));
    merges.push(rightHalves);
  };
  visit(0, n, 0, 0);
  return { leaves: ends.length, ends: Int32Array.from(ends), blocksEnd: Int32Array.from(blocksEnd), merges: Int32Array.from(merges), depth };
}
