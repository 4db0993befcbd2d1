import { describe, expect, it } from "vitest";
import { Random } from "./random";

describe("Random", () => {
  it("repeats its sequence for a seed and differs across seeds", () => {
    const a = new Random(7).normal([5]).toArray();
    expect(new Random(7).normal([5]).toArray()).toEqual(a);
    expect(new Random(8).normal([5]).toArray()).not.toEqual(a);
  });

  it("gives float64 normals of the requested shape with mean near 0 and variance near 1", () => {
    const samples = new Random(1).normal([200, 100]);
    expect(samples.shape).toEqual([200, 100]);
    expect(samples.dtype).toBe("float64");
    const values = Array.from(samples.data);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    // 20000 samples: the standard error of the mean is 0.007, of the variance about 0.01.
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it("keeps uniform samples inside [lo, hi) and covers the range", () => {
    const values = Array.from(new Random(2).uniform([10000], -3, 5).data);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...values)).toBeLessThan(5);
    expect(Math.min(...values)).toBeLessThan(-2.9);
    expect(Math.max(...values)).toBeGreaterThan(4.9);
  });

  it("draws int32 integers from [lo, hi), every value in the range", () => {
    const samples = new Random(3).integers([2, 500], -2, 3);
    expect(samples.dtype).toBe("int32");
    expect(new Set(samples.data)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });

  it("makes rank-0 and empty tensors", () => {
    expect(new Random(4).normal([]).shape).toEqual([]);
    expect(new Random(4).normal([]).size).toBe(1);
    expect(new Random(4).uniform([0, 3]).size).toBe(0);
  });

  it("refuses bad shapes and ranges, naming the op", () => {
    const random = new Random(5);
    expect(() => random.normal([2, -1])).toThrow(new RangeError("normal: shape (2, -1) must hold non-negative integers"));
    expect(() => random.uniform([2], 1, 1)).toThrow(new RangeError("uniform: empty range [1, 1)"));
    expect(() => random.integers([2], 0.5, 3)).toThrow(new RangeError("integers: [0.5, 3) is not a non-empty range of integers"));
    expect(() => new Random(1.5)).toThrow(TypeError);
  });
});
