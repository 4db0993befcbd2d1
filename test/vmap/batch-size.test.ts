import { describe, expect, it } from "vitest";
import { Tensor, np, vmap } from "../../runtime/index";

describe("axisSize", () => {
  it("calls the function axisSize times with the same arguments when nothing is mapped", () => {
    const table = np.array([1, 2]);
    const calls: unknown[] = [];
    const batched = vmap.reference(
      (t: Tensor, k: number) => {
        calls.push(t);
        return np.mul(t, k);
      },
      { inAxes: null, axisSize: 3 },
    );
    const result = batched(table, 5);
    expect(result.toArray()).toEqual([[5, 10], [5, 10], [5, 10]]);
    expect(calls.length).toBe(3);
    expect(calls.every((t) => t === table)).toBe(true);
  });

  it("works for a function of no arguments", () => {
    expect(vmap.reference(() => 7, { axisSize: 2 })().toArray()).toEqual([7, 7]);
  });

  it("is accepted when it agrees with the mapped axes", () => {
    expect(vmap.reference((v: number) => v + 1, { axisSize: 2 })(new Float64Array([1, 2])).toArray()).toEqual([2, 3]);
  });
});

describe("batch sizes 1 and 0", () => {
  it("keeps the batch axis for a batch of one", () => {
    const result = vmap.reference((row: Tensor) => np.mul(row, 3))(np.array([[1, 2]]));
    expect(result.shape).toEqual([1, 2]);
    expect(result.toArray()).toEqual([[3, 6]]);
  });

  it("gives empty results shaped by one call on a zero-filled example", () => {
    const seen: Tensor[] = [];
    const stats = (row: Tensor) => {
      seen.push(row);
      return { total: np.sum(row), scaled: np.mul(row, 2), positive: np.greater(row, 0) };
    };
    const empty = np.zeros([0, 3]);
    const result = vmap.reference(stats, { outAxes: { total: 0, scaled: 1, positive: -1 } })(empty);
    expect(result.total.shape).toEqual([0]);
    expect(result.total.dtype).toBe("float64");
    expect(result.scaled.shape).toEqual([3, 0]);
    expect(result.positive.shape).toEqual([3, 0]);
    expect(result.positive.dtype).toBe("bool");
    expect(seen.length).toBe(1);
    expect(seen[0].shape).toEqual([3]);
    expect(seen[0].toArray()).toEqual([0, 0, 0]);
  });

  it("slices the zero example with each leaf's dtype and axis", () => {
    const empty = np.array(new Int32Array(0), [2, 0]);
    const result = vmap.reference((column: Tensor) => column, { inAxes: 1 })(empty);
    expect(result.shape).toEqual([0, 2]);
    expect(result.dtype).toBe("int32");
  });

  it("passes zero-filled rank-0 slices as the number 0 and the boolean false", () => {
    const seen: unknown[] = [];
    const result = vmap.reference((v: number, flag: boolean) => {
      seen.push(v, flag);
      return v;
    })(new Float64Array(0), new Uint8Array(0));
    expect(seen).toEqual([0, false]);
    expect(result.shape).toEqual([0]);
  });

  it("honours axisSize 0 with nothing mapped", () => {
    const result = vmap.reference((t: Tensor) => t, { inAxes: null, axisSize: 0 })(np.array([1, 2]));
    expect(result.shape).toEqual([0, 2]);
  });
});
