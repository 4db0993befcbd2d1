import { describe, expect, it } from "vitest";
import { Tensor, np, vmap } from "../../runtime/index";

const rowSum = (row: Tensor): number => np.sum(row);

describe("inAxes", () => {
  it("maps axis 0 by default", () => {
    const sums = vmap.reference(rowSum)(np.array([[1, 2], [3, 4], [5, 6]]));
    expect(sums.shape).toEqual([3]);
    expect(sums.toArray()).toEqual([3, 7, 11]);
  });

  it("maps another axis, slicing along it", () => {
    const x = np.array([[1, 2, 3], [4, 5, 6]]);
    expect(vmap.reference(rowSum, { inAxes: 1 })(x).toArray()).toEqual([5, 7, 9]);
    expect(vmap.reference(rowSum, { inAxes: [1] })(x).toArray()).toEqual([5, 7, 9]);
  });

  it("counts a negative axis from the end of the leaf's rank", () => {
    const x = np.reshape(np.arange(24), [2, 3, 4]);
    const shapes: number[][] = [];
    const sums = vmap.reference(
      (m: Tensor) => {
        shapes.push([...m.shape]);
        return np.sum(m);
      },
      { inAxes: -1 },
    )(x);
    // x[i, j, k] = 12i + 4j + k, so the slice at k sums to 36 + 24 + 6k.
    expect(sums.toArray()).toEqual([60, 66, 72, 78]);
    expect(shapes).toEqual([[2, 3], [2, 3], [2, 3], [2, 3]]);
  });

  it("passes a null-mapped argument whole to every example", () => {
    const config = { scale: 10 };
    const received: unknown[] = [];
    const scaled = vmap.reference(
      (x: number, settings: { scale: number }, offsets: Tensor) => {
        received.push(settings);
        return np.add(offsets, x * settings.scale);
      },
      { inAxes: [0, null, null] },
    );
    const result = scaled(new Float64Array([1, 2]), config, np.array([0, 0.5, 1]));
    expect(result.toArray()).toEqual([[10, 10.5, 11], [20, 20.5, 21]]);
    expect(received).toEqual([config, config]);
    expect(received.every((settings) => settings === config)).toBe(true);
  });

  it("gives rank-0 slices to the function as JS numbers and booleans", () => {
    const seen: unknown[] = [];
    vmap.reference((x: number, flag: boolean) => {
      seen.push(x, flag);
      return x;
    })(np.array([1.5, -2]), np.array([true, false]));
    expect(seen).toEqual([1.5, true, -2, false]);
  });

  it("reads typed arrays as 1-D batches of their class's dtype", () => {
    const identity = vmap.reference((x: number) => x);
    expect(identity(new Float32Array([0.1])).toArray()).toEqual([Math.fround(0.1)]);
    expect(identity(new Int32Array([7, -3])).toArray()).toEqual([7, -3]);
    const flags: unknown[] = [];
    vmap.reference((flag: boolean) => {
      flags.push(flag);
      return 0;
    })(new Uint8Array([1, 0]));
    expect(flags).toEqual([true, false]);
  });

  it("keeps the dtype of a mapped Tensor in its slices", () => {
    const dtypes: string[] = [];
    vmap.reference((row: Tensor) => {
      dtypes.push(row.dtype);
      return row;
    })(np.array(new Int32Array([1, 2, 3, 4]), [2, 2]));
    expect(dtypes).toEqual(["int32", "int32"]);
  });

  it("matches an object spec key by key", () => {
    const affine = (params: { w: Tensor; b: number }, x: Tensor) => np.add(np.dot(params.w, x), params.b);
    const batched = vmap.reference(affine, { inAxes: [{ w: null, b: 0 }, 0] });
    const params = { w: np.array([[1, 0], [0, 2]]), b: new Float64Array([100, 200]) };
    const result = batched(params, np.array([[1, 1], [2, 3]]));
    expect(result.toArray()).toEqual([[101, 102], [202, 206]]);
  });

  it("matches an array spec element by element (a single array argument's spec is wrapped)", () => {
    const scale = (pair: [Tensor, number]): Tensor => np.mul(pair[0], pair[1]);
    const batched = vmap.reference(scale, { inAxes: [[1, 0]] });
    const result = batched([np.array([[1, 2], [3, 4]]), new Float64Array([10, 100])]);
    expect(result.toArray()).toEqual([[10, 30], [200, 400]]);
  });

  it("applies a spec leaf to the whole subtree below it", () => {
    const shift = (p: { a: Tensor; b: number }): Tensor => np.add(p.a, p.b);
    const result = vmap.reference(shift)({ a: np.array([[1, 2], [3, 4]]), b: new Float64Array([10, 20]) });
    expect(result.toArray()).toEqual([[11, 12], [23, 24]]);
  });

  it("applies one non-array spec to every argument", () => {
    const add = (a: Tensor, b: Tensor): Tensor => np.add(a, b);
    const result = vmap.reference(add, { inAxes: 1 })(np.array([[1, 2], [3, 4]]), np.array([[10, 20], [30, 40]]));
    // Column k of a plus column k of b.
    expect(result.toArray()).toEqual([[11, 33], [22, 44]]);
  });
});
