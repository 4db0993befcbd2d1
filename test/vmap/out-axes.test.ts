import { describe, expect, it } from "vitest";
import { Tensor, np, vmap } from "../../runtime/index";

const x = np.array([[1, 2], [3, 4], [5, 6]]);
const double = (row: Tensor): Tensor => np.mul(row, 2);

describe("outAxes", () => {
  it("stacks along axis 0 by default", () => {
    expect(vmap.reference(double)(x).toArray()).toEqual([[2, 4], [6, 8], [10, 12]]);
  });

  it("stacks along another axis", () => {
    const result = vmap.reference(double, { outAxes: 1 })(x);
    expect(result.shape).toEqual([2, 3]);
    expect(result.toArray()).toEqual([[2, 6, 10], [4, 8, 12]]);
  });

  it("counts a negative out axis against the rank of the stacked result", () => {
    expect(vmap.reference(double, { outAxes: -1 })(x).toArray()).toEqual([[2, 6, 10], [4, 8, 12]]);
    expect(vmap.reference(double, { outAxes: -2 })(x).toArray()).toEqual([[2, 4], [6, 8], [10, 12]]);
    expect(vmap.reference((row: Tensor) => np.sum(row), { outAxes: -1 })(x).toArray()).toEqual([3, 7, 11]);
  });

  it("can put the batch axis last after the example's own axes", () => {
    const outer = (v: Tensor): Tensor => np.outer(v, v);
    const result = vmap.reference(outer, { outAxes: 2 })(np.array([[1, 2], [3, 4], [5, 6]]));
    expect(result.shape).toEqual([2, 2, 3]);
    // result[i, j, b] = v_b[i] * v_b[j]
    expect(result.toArray()).toEqual([
      [[1, 9, 25], [2, 12, 30]],
      [[2, 12, 30], [4, 16, 36]],
    ]);
  });

  it("follows a structured spec key by key and element by element", () => {
    const stats = (row: Tensor) => ({ total: np.sum(row), parts: [row, np.max(row)] as [Tensor, number] });
    const result = vmap.reference(stats, { outAxes: { total: 0, parts: [1, -1] } })(x);
    expect(result.total.toArray()).toEqual([3, 7, 11]);
    expect(result.parts[0].toArray()).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(result.parts[1].toArray()).toEqual([2, 4, 6]);
  });

  it("returns a null-out-axis subtree unbatched when every example agrees on it", () => {
    const table = np.array([1, 2, 3]);
    const withTable = (v: number, lookup: Tensor) => [v * 2, lookup, "meta"] as const;
    const [doubled, sameTable, meta] = vmap.reference(withTable, { inAxes: [0, null], outAxes: [0, null, null] })(
      new Float64Array([1, 2]),
      table,
    );
    expect(doubled.toArray()).toEqual([2, 4]);
    expect(sameTable).toBe(table);
    expect(meta).toBe("meta");
  });
});
