import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { array, arange, zeros } from "../../runtime/create";
import {
  at,
  broadcastTo,
  concatenate,
  expandDims,
  index,
  moveaxis,
  reshape,
  slice,
  squeeze,
  stack,
  take,
  transpose,
} from "../../runtime/shape";
import { expectError, expectTensor } from "./helpers";

const m23 = array([[1, 2, 3], [4, 5, 6]]);

describe("reshape", () => {
  it("keeps row-major order", () => {
    expectTensor(reshape(m23, [3, 2]), [[1, 2], [3, 4], [5, 6]]);
    expectTensor(reshape(m23, 6), [1, 2, 3, 4, 5, 6]);
    expectTensor(reshape(array([7]), []), 7);
  });
  it("infers one -1", () => {
    expect(reshape(m23, [-1, 3]).shape).toEqual([2, 3]);
    expect(reshape(m23, [1, -1]).shape).toEqual([1, 6]);
    expect(reshape(zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
  });
  it("keeps the dtype", () => {
    expectTensor(reshape(array(new Int32Array([1, 2])), [2, 1]), [[1], [2]], "int32");
  });
  it("rejects bad shapes", () => {
    expectError(() => reshape(m23, [4]), RangeError, "reshape", "(2, 3)", "(4,)");
    expectError(() => reshape(m23, [-1, -1]), RangeError, "reshape", "one unknown");
    expectError(() => reshape(m23, [-1, 4]), RangeError, "reshape", "(2, 3)");
    expectError(() => reshape(zeros([0, 3]), [0, -1]), RangeError, "reshape", "-1");
    expectError(() => reshape(m23, [2, -3]), RangeError, "reshape", "(2, -3)");
  });
});

describe("transpose and moveaxis", () => {
  it("reverses axes by default", () => {
    expectTensor(transpose(m23), [[1, 4], [2, 5], [3, 6]]);
    expectTensor(transpose(array(5)), 5);
  });
  it("permutes by perm, negatives allowed", () => {
    const t = reshape(arange(24), [2, 3, 4]);
    const p = transpose(t, [1, -1, 0]);
    expect(p.shape).toEqual([3, 4, 2]);
    // p[i, j, k] = t[k, i, j] = 12k + 4i + j
    expect(at(p, 2, 1, 1)).toBe(12 + 8 + 1);
    expect(at(p, 0, 3, 0)).toBe(3);
  });
  it("rejects bad permutations", () => {
    expectError(() => transpose(m23, [0]), RangeError, "transpose", "(0)", "(2, 3)");
    expectError(() => transpose(m23, [0, 0]), RangeError, "transpose", "repeated axis");
    expectError(() => transpose(m23, [0, 2]), RangeError, "transpose", "axis 2", "(2, 3)");
  });
  it("moveaxis moves one axis", () => {
    const t = reshape(arange(24), [2, 3, 4]);
    expect(moveaxis(t, 0, -1).shape).toEqual([3, 4, 2]);
    expect(moveaxis(t, -1, 0).shape).toEqual([4, 2, 3]);
    expect(at(moveaxis(t, 0, 2), 1, 2, 1)).toBe(12 + 4 + 2);
    expect(at(moveaxis(t, 2, 0), 3, 1, 2)).toBe(12 + 8 + 3);
    expectError(() => moveaxis(t, 3, 0), RangeError, "moveaxis", "axis 3", "(2, 3, 4)");
  });
});

describe("expandDims and squeeze", () => {
  it("expandDims counts axes against the result", () => {
    expect(expandDims(m23, 0).shape).toEqual([1, 2, 3]);
    expect(expandDims(m23, -1).shape).toEqual([2, 3, 1]);
    expect(expandDims(m23, [0, 3]).shape).toEqual([1, 2, 3, 1]);
    expect(expandDims(array(1), 0).shape).toEqual([1]);
    expectError(() => expandDims(m23, 3), RangeError, "expandDims", "axis 3", "(2, 3)");
    expectError(() => expandDims(m23, [1, 1]), RangeError, "expandDims", "repeated");
  });
  it("squeeze drops unit axes", () => {
    const t = zeros([1, 2, 1]);
    expect(squeeze(t).shape).toEqual([2]);
    expect(squeeze(t, 0).shape).toEqual([2, 1]);
    expect(squeeze(t, [-1, 0]).shape).toEqual([2]);
    expectError(() => squeeze(t, 1), RangeError, "squeeze", "axis 1", "(1, 2, 1)");
  });
});

describe("broadcastTo", () => {
  it("repeats along leading and unit axes", () => {
    expectTensor(broadcastTo(array([1, 2, 3]), [2, 3]), [[1, 2, 3], [1, 2, 3]]);
    expectTensor(broadcastTo(array([[1], [2]]), [2, 2]), [[1, 1], [2, 2]]);
    expectTensor(broadcastTo(3, 2), [3, 3]);
    expect(broadcastTo(array([1]), [0]).shape).toEqual([0]);
  });
  it("rejects shapes that do not broadcast", () => {
    expectError(() => broadcastTo(array([1, 2, 3]), [2, 4]), RangeError, "broadcastTo", "(3,)", "(2, 4)");
    expectError(() => broadcastTo(m23, [3]), RangeError, "broadcastTo", "(2, 3)", "(3,)");
  });
});

describe("concatenate and stack", () => {
  it("concatenates along an axis", () => {
    expectTensor(concatenate([array([1, 2]), array([3])]), [1, 2, 3]);
    expectTensor(concatenate([m23, array([[7], [8]])], 1), [[1, 2, 3, 7], [4, 5, 6, 8]]);
    expectTensor(concatenate([m23, array([[0, 0, 0]])], -2), [[1, 2, 3], [4, 5, 6], [0, 0, 0]]);
  });
  it("promotes dtypes", () => {
    expectTensor(concatenate([array(new Int32Array([1])), array([true])]), [1, 1], "int32");
    expectTensor(concatenate([array(new Int32Array([1])), array(new Float32Array([0.5]))]), [1, 0.5], "float64");
  });
  it("rejects mismatched shapes and empty input", () => {
    expectError(() => concatenate([]), RangeError, "concatenate");
    expectError(() => concatenate([m23, array([1, 2])]), RangeError, "concatenate", "(2, 3)", "(2,)");
    expectError(() => concatenate([array(1), array(2)]), RangeError, "concatenate", "zero-dimensional", "()");
    expectError(() => concatenate([m23], 2), RangeError, "concatenate", "axis 2", "(2, 3)");
  });
  it("stacks along a new axis", () => {
    expectTensor(stack([1, 2, 3]), [1, 2, 3]);
    expectTensor(stack([true, false]), [true, false], "bool");
    expectTensor(stack([array([1, 2]), array([3, 4])]), [[1, 2], [3, 4]]);
    expectTensor(stack([array([1, 2]), array([3, 4])], 1), [[1, 3], [2, 4]]);
    expectTensor(stack([array([1, 2]), array([3, 4])], -1), [[1, 3], [2, 4]]);
    expect(stack([array(1), array(2)], -1).shape).toEqual([2]);
  });
  it("rejects bad stacks", () => {
    expectError(() => stack([]), RangeError, "stack");
    expectError(() => stack([array([1]), array([1, 2])]), RangeError, "stack", "(1,)", "(2,)");
    expectError(() => stack([array([1])], 2), RangeError, "stack", "axis 2", "(1,)");
  });
});

describe("index, at, slice", () => {
  it("index takes a sub-tensor along axis 0", () => {
    expectTensor(index(m23, 1), [4, 5, 6]);
    expectTensor(index(m23, -2), [1, 2, 3]);
    const scalar = index(array([7, 8]), 1);
    expect(scalar.ndim).toBe(0);
    expect(scalar.item()).toBe(8);
    expectError(() => index(m23, 2), RangeError, "index", "index 2", "(2, 3)");
    expectError(() => index(m23, -3), RangeError, "index", "(2, 3)");
    expectError(() => index(array(1), 0), RangeError, "index", "()");
    expectError(() => index(m23, 0.5), TypeError, "index");
  });
  it("at reads one element", () => {
    expect(at(m23, 1, 2)).toBe(6);
    expect(at(m23, -1, -3)).toBe(4);
    expect(at(array(3), ...[])).toBe(3);
    expectError(() => at(m23, 1), RangeError, "at", "2 indices", "(2, 3)");
    expectError(() => at(m23, 0, 3), RangeError, "at", "index 3", "(2, 3)");
  });
  it("slice takes a range along an axis", () => {
    expectTensor(slice(array([1, 2, 3, 4]), 1, 3), [2, 3]);
    expectTensor(slice(array([1, 2, 3, 4]), -3, -1), [2, 3]);
    expectTensor(slice(m23, 1, 3, 1), [[2, 3], [5, 6]]);
    expectTensor(slice(m23, 0, 1, -1), [[1], [4]]);
    expectTensor(slice(array([1, 2, 3]), 2, 1), []);
    expectTensor(slice(array([1, 2, 3]), 3, 3), []);
  });
  it("slice never clamps", () => {
    expectError(() => slice(array([1, 2, 3]), 0, 4), RangeError, "slice", "stop 4", "(3,)");
    expectError(() => slice(array([1, 2, 3]), -4, 2), RangeError, "slice", "start -4", "(3,)");
    expectError(() => slice(m23, 0, 1, 2), RangeError, "slice", "axis 2", "(2, 3)");
  });
});

describe("take", () => {
  it("takes from the flattened array without an axis", () => {
    expectTensor(take(m23, [0, 5, -1]), [1, 6, 6]);
    expectTensor(take(m23, 4), 5);
  });
  it("a number index removes the axis", () => {
    expectTensor(take(m23, 1, 1), [2, 5]);
    expectTensor(take(m23, -1, 0), [4, 5, 6]);
  });
  it("an index array of shape S replaces the axis by S", () => {
    expectTensor(take(m23, [2, 0], 1), [[3, 1], [6, 4]]);
    expectTensor(take(m23, array([[1, 1], [0, 1]]), 0), [[[4, 5, 6], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]]]);
    expectTensor(take(m23, array(new Int32Array([2])), -1), [[3], [6]]);
    expect(take(m23, [], 1).shape).toEqual([2, 0]);
  });
  it("rejects bad indices", () => {
    expectError(() => take(m23, [3], 1), RangeError, "take", "index 3", "(2, 3)");
    expectError(() => take(m23, 6), RangeError, "take", "index 6", "(6,)");
    expectError(() => take(m23, [0.5]), TypeError, "take");
    expectError(() => take(m23, [true] as never), TypeError, "take", "boolean");
    expectError(() => take(m23, array([true]), 0), TypeError, "take", "bool");
    expectError(() => take(m23, 0, 2), RangeError, "take", "axis 2", "(2, 3)");
  });
});

describe("set (JAX's x.at[i].set(v))", () => {
  it("returns a copy with row i replaced, broadcasting the value, in t's dtype; t is unchanged", () => {
    const t = np.array([[1, 2], [3, 4], [5, 6]]);
    expectTensor(np.set(t, 1, np.array([7, 8])), [[1, 2], [7, 8], [5, 6]]);
    expectTensor(np.set(t, -1, 0), [[1, 2], [3, 4], [0, 0]]);
    expectTensor(t, [[1, 2], [3, 4], [5, 6]]);
    expectTensor(np.set(np.array(new Int32Array([1, 2, 3])), 0, 9), [9, 2, 3], "int32");
    expectTensor(np.set(np.array([true, false]), 1, 2), [true, true], "bool");
  });

  it("names the shapes when the index or the value does not fit", () => {
    expectError(() => np.set(np.zeros([3, 2]), 3, 1), RangeError, "index 3 is out of bounds for axis 0 with size 3");
    expectError(() => np.set(np.zeros([3, 2]), 0, np.zeros([3])), RangeError, "set", "(3,)", "(2,)", "(3, 2)");
    expectError(() => np.set(np.array(1), 0, 1), RangeError, "set", "rank-0");
    expectError(() => np.set("x" as never, 0, 1), TypeError, "set");
  });
});
