import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { expectError, expectTensor } from "./helpers";

// numpy's values are in numpy-agreement (cases.json); these are tsvmap's own choices.
describe("np.linalg.norm", () => {
  const matrix = np.array([[3, -4], [0, 12]]);

  it("keeps float32 as float32 and gives float64 for int32, as numpy", () => {
    expect(np.linalg.norm(np.array(Float32Array.of(3, 4)), 2, 0, true).dtype).toBe("float32");
    expectTensor(np.linalg.norm(np.array(Int32Array.of(3, 4)), 1, 0, true), [7]);
  });

  it("is a number without an axis and a Tensor with one", () => {
    expect(np.linalg.norm(matrix)).toBe(13);
    expectTensor(np.linalg.norm(matrix, Infinity, 1) as never, [4, 12]);
  });

  it("refuses numpy's matrix norms, a count of nonzeros, more than two axes and an unknown ord, naming the shape", () => {
    expectError(() => np.linalg.norm(matrix, 1), RangeError, "ord 1 over 2 axes of shape (2, 2)", "matrix norms");
    expectError(() => np.linalg.norm(matrix, 2, [0, 1]), RangeError, "ord 2 over 2 axes");
    expectError(() => np.linalg.norm(np.array([1, 2]), "fro"), RangeError, "Frobenius norm takes two axes");
    expectError(() => np.linalg.norm(matrix, 0, 1), RangeError, "ord 0", "np.sum(np.notEqual(x, 0), axis)");
    expectError(() => np.linalg.norm(np.zeros([2, 2, 2]), null, [0, 1, 2]), RangeError, "3 axes", "one axis or two");
    expectError(() => np.linalg.norm(matrix, "nuc" as never, [0, 1]), TypeError, "ord must be a number");
  });
});
