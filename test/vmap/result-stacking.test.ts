import { describe, expect, it } from "vitest";
import { type Tensor, VmapError, np, vmap } from "../../runtime/index";

// The reference stacks each example's result as it comes (runtime/vmap-results.ts) and keeps none of them:
// the results, and the errors and their order, are those of stacking all results after the loop.
const batch = np.arange(4);

describe("the reference's result stacking", () => {
  it("promotes a leaf whose dtype varies between examples as np.stack does", () => {
    const leaves = [np.array(new Int32Array([1, -2])), np.array(new Float32Array([0.5, 1.5])), np.array(new Uint8Array([1, 0])), np.array([3, 4])];
    const out = vmap.reference((i: number) => leaves[i])(batch) as Tensor;
    const expected = np.stack(leaves);
    expect([out.dtype, out.shape, out.toArray()]).toEqual([expected.dtype, expected.shape, expected.toArray()]);
    const bools = vmap.reference((i: number) => (i % 2 === 0 ? i > 1 : i))(batch) as Tensor;
    expect([bools.dtype, bools.toArray()]).toEqual(["float64", [0, 1, 1, 3]]);
  });

  it("stacks along each leaf's out axis as np.stack along it", () => {
    const rows = [0, 1, 2, 3].map((i) => np.reshape(np.arange(6), [2, 3]).data.map((x) => x * (i + 1)));
    const leaves = rows.map((data) => np.array(Float64Array.from(data), [2, 3]));
    for (const axis of [0, 1, 2, -1]) {
      const out = vmap.reference((i: number) => ({ m: leaves[i], s: [i * 2] }), { outAxes: { m: axis, s: [-1] } })(batch) as { m: Tensor; s: Tensor[] };
      expect(out.m.toArray()).toEqual(np.stack(leaves, axis).toArray());
      expect(out.s[0].toArray()).toEqual([0, 2, 4, 6]);
    }
  });

  it("runs every example even when an early one fails a check", () => {
    let calls = 0;
    const ragged = (i: number) => {
      calls++;
      return np.zeros([i === 1 ? 2 : 3]);
    };
    expect(() => vmap.reference(ragged)(batch)).toThrow(/result has shape \(3,\) for example 0 but \(2,\) for example 1/);
    expect(calls).toBe(4);
  });

  it("reports a difference of structure before any leaf's, wherever the examples are", () => {
    const late = (i: number) => (i === 3 ? [i] : { a: i === 1 ? np.zeros([2]) : i });
    expect(() => vmap.reference(late)(batch)).toThrow(VmapError);
    expect(() => vmap.reference(late)(batch)).toThrow(/different structure: \{a: \*\} for example 0 but \[\*\] for example 3/);
  });

  it("reports a leaf that cannot stack before a shape difference of the same leaf in an earlier example", () => {
    const mixed = (i: number) => ({ a: i === 3 ? "x" : np.zeros([i === 1 ? 2 : 1]) });
    expect(() => vmap.reference(mixed)(batch)).toThrow(/result\.a is the string "x"; a result mapped by outAxes/);
  });

  it("reports the leaves of one out axis before those of the next, and a null out axis by its first difference", () => {
    const both = (i: number) => ({ a: i === 2 ? np.zeros([5]) : np.zeros([1]), b: i === 1 ? "y" : 0 });
    expect(() => vmap.reference(both)(batch)).toThrow(/result\.a has shape \(1,\) for example 0 but \(5,\) for example 2/);
    const unmapped = (i: number) => ({ a: np.zeros([i === 3 ? 2 : 1]), b: i < 2 ? 0 : 1 });
    expect(() => vmap.reference(unmapped, { outAxes: { a: 0, b: null } })(batch)).toThrow(/result\.a has shape/);
    const unmappedFirst = (i: number) => ({ b: i < 2 ? 0 : 1, a: np.zeros([i === 3 ? 2 : 1]) });
    expect(() => vmap.reference(unmappedFirst, { outAxes: { a: 0, b: null } })(batch)).toThrow(
      /outAxes is null for result\.b, so it must be the same for every example, but example 0 gave the number 0 and example 2 gave the number 1/,
    );
  });

  it("reports an out axis past the stacked rank after the leaf's shape", () => {
    expect(() => vmap.reference((i: number) => [i, np.zeros([i === 2 ? 2 : 1])], { outAxes: [0, 3] })(batch)).toThrow(/result\[1\] has shape/);
    expect(() => vmap.reference((i: number) => [i, np.zeros([1])], { outAxes: [0, 3] })(batch)).toThrow(/outAxes gives axis 3 for result\[1\]/);
  });
});
