import { describe, expect, it } from "vitest";
import { Tensor, np, vmap } from "../../runtime/index";

const distance = (p: Tensor, q: Tensor): number => np.sqrt(np.sum(np.square(np.sub(p, q))));

const a = np.array([[0, 0], [3, 4], [1, 1]]);
const b = np.array([[0, 0], [6, 8]]);

describe("nested vmap", () => {
  it("computes pairwise distances with the outer vmap over the first argument", () => {
    const toAllOf = vmap.reference(distance, { inAxes: [null, 0] });
    const pairwise = vmap.reference(toAllOf, { inAxes: [0, null] });
    const result = pairwise(a, b);
    expect(result.shape).toEqual([3, 2]);
    expect(result.toArray()).toEqual([
      [0, 10],
      [5, 5],
      [Math.SQRT2, Math.sqrt(74)],
    ]);
  });

  it("computes the transposed matrix with the outer vmap over the second argument", () => {
    const pairwise = vmap.reference(vmap.reference(distance, { inAxes: [0, null] }), { inAxes: [null, 0] });
    expect(pairwise(a, b).toArray()).toEqual([
      [0, 5, Math.SQRT2],
      [10, 5, Math.sqrt(74)],
    ]);
  });

  it("gives the inner function per-example slices of both levels", () => {
    const shapes: number[][] = [];
    const inner = vmap.reference((v: Tensor) => {
      shapes.push([...v.shape]);
      return np.sum(v);
    });
    const result = vmap.reference(inner)(np.reshape(np.arange(12), [2, 3, 2]));
    expect(result.toArray()).toEqual([[1, 5, 9], [13, 17, 21]]);
    expect(shapes).toEqual(Array.from({ length: 6 }, () => [2]));
  });
});
