import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { batchedSolve } from "../../runtime/batched/solve";
import { Tensor } from "../../runtime/tensor";

const matrix = np.array([[4, 1, 2], [1, 5, 3], [2, 3, 6]]);
const permuted = np.array([[0, 2, 1], [3, 0, 1], [1, 1, 4]]);

function close(actual: Tensor | number, expected: readonly number[], tolerance = 1e-12): void {
  const values = typeof actual === "number" ? [actual] : Array.from(actual.data);
  expect(values.length).toBe(expected.length);
  values.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]))));
}

describe("np.linalg det, inv and solve", () => {
  it("solve gives x with a·x = b, for a vector b and for a matrix of right-hand sides", () => {
    const b = np.array([1, 2, 3]);
    const x = np.linalg.solve(matrix, b);
    expect(x.shape).toEqual([3]);
    close(np.matmul(matrix, x), [1, 2, 3]);
    const columns = np.linalg.solve(permuted, np.array([[1, 0], [0, 1], [2, 2]]));
    expect(columns.shape).toEqual([3, 2]);
    close(np.matmul(permuted, columns), [1, 0, 0, 1, 2, 2]);
  });

  it("inv and det of a matrix that needs row swaps (a zero first pivot)", () => {
    close(np.matmul(permuted, np.linalg.inv(permuted)), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // 0·(0·4 - 1·1) - 2·(3·4 - 1·1) + 1·(3·1 - 0·1) = -19
    close(np.linalg.det(permuted), [-19]);
    expect(np.linalg.det(np.eye(0))).toBe(1);
  });

  it("computes each matrix of a stack as it would alone, to the last bit, and broadcasts the stacks of solve", () => {
    const stack = np.stack([matrix, permuted]);
    const dets = np.linalg.det(stack) as Tensor;
    expect(Array.from(dets.data)).toEqual([np.linalg.det(matrix), np.linalg.det(permuted)]);
    const inverses = np.linalg.inv(stack);
    expect(Array.from(inverses.data)).toEqual([...np.linalg.inv(matrix).data, ...np.linalg.inv(permuted).data]);
    const rhs = np.array([1, 2, 3, 3, 2, 1], [2, 3, 1]);
    const solved = np.linalg.solve(matrix, rhs);
    expect(solved.shape).toEqual([2, 3, 1]);
    expect(Array.from(solved.data)).toEqual([...np.linalg.solve(matrix, np.array([1, 2, 3])).data, ...np.linalg.solve(matrix, np.array([3, 2, 1])).data]);
  });

  it("keeps float32 as float32 and gives ints float64", () => {
    const single = np.array(Float32Array.of(2, 1, 1, 3), [2, 2]);
    expect(np.linalg.inv(single).dtype).toBe("float32");
    expect(np.linalg.solve(single, np.array(Float32Array.of(1, 1))).dtype).toBe("float32");
    expect(np.linalg.solve(single, np.array([1, 1])).dtype).toBe("float64");
    expect((np.linalg.det(np.stack([single])) as Tensor).dtype).toBe("float32");
    expect(np.linalg.inv(np.array(Int32Array.of(2, 1, 1, 3), [2, 2])).dtype).toBe("float64");
  });

  it("gives a singular matrix a determinant of +0, as numpy, and infinities or NaNs, as JAX, rather than an error", () => {
    const singular = np.array([[1, 2], [2, 4]]);
    expect(np.linalg.det(singular)).toBe(0);
    expect(Array.from(np.linalg.inv(singular).data).some((v) => !Number.isFinite(v))).toBe(true);
    expect(Array.from(np.linalg.solve(np.zeros([2, 2]), np.array([1, 1])).data).every((v) => !Number.isFinite(v))).toBe(true);
  });

  it("names the shapes where they are no square matrices or b does not fit", () => {
    expect(() => np.linalg.det(np.zeros([2, 3]))).toThrow(/linalg\.det: expected a square matrix .* got shape \(2, 3\)/);
    expect(() => np.linalg.inv(np.zeros([3]))).toThrow(RangeError);
    expect(() => np.linalg.solve(matrix, np.zeros([2]))).toThrow(/b of shape \(2,\) does not fit a of shape \(3, 3\)/);
    expect(() => np.linalg.solve(np.zeros([2, 3, 3]), np.zeros([4, 3, 1]))).toThrow(RangeError);
  });
});

describe("np.linalg.cholesky", () => {
  it("gives the lower-triangular L with a = L·Lᵀ, reading a's lower triangle, for a matrix or a stack", () => {
    const lower = np.linalg.cholesky(matrix);
    close(np.matmul(lower, np.transpose(lower)), Array.from(matrix.data));
    expect([lower.data[1], lower.data[2], lower.data[5]]).toEqual([0, 0, 0]);
    const upperIgnored = np.array([[4, 99, -7], [1, 5, 12], [2, 3, 6]]);
    expect(Array.from(np.linalg.cholesky(upperIgnored).data)).toEqual(Array.from(lower.data));
    const stack = np.linalg.cholesky(np.stack([matrix, np.eye(3)]));
    expect(Array.from(stack.data)).toEqual([...lower.data, ...np.eye(3).data]);
  });

  it("gives a matrix that is not positive definite an L of NaNs, as JAX, rather than an error", () => {
    const factors = np.linalg.cholesky(np.stack([np.array([[1, 2], [2, 1]]), np.eye(2)]));
    expect(Array.from(factors.data).slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(Array.from(factors.data).slice(4)).toEqual([1, 0, 0, 1]);
    expect(np.linalg.cholesky(np.array(Float32Array.of(4, 2, 2, 3), [2, 2])).dtype).toBe("float32");
    expect(() => np.linalg.cholesky(np.zeros([2, 3]))).toThrow(/linalg\.cholesky: expected a square matrix/);
  });
});

describe("batchedSolve", () => {
  const as = np.stack([matrix, permuted]);
  const perExample = (a: (i: number) => Tensor, b: (i: number) => Tensor) => [0, 1].flatMap((i) => Array.from(np.linalg.solve(a(i), b(i)).data));

  it("solves a batch of vectors, against one matrix or a matrix each", () => {
    const bs = np.array([[1, 2, 3], [3, 2, 1]]);
    expect(Array.from(batchedSolve(as, true, bs, true, 1).data)).toEqual(perExample((i) => np.index(as, i), (i) => np.index(bs, i)));
    expect(Array.from(batchedSolve(matrix, false, bs, true, 1).data)).toEqual(perExample(() => matrix, (i) => np.index(bs, i)));
    expect(Array.from(batchedSolve(as, true, np.array([1, 2, 3]), false, 1).data)).toEqual(perExample((i) => np.index(as, i), () => np.array([1, 2, 3])));
  });

  it("aligns a batched operand's stack with the other's per-example stack", () => {
    // Per example: a (3, 3) against b a stack (2, 3, 1); batched a must not meet b's stack axis with its batch axis.
    const bs = np.array([1, 2, 3, 4, 5, 6], [2, 3, 1]);
    const result = batchedSolve(as, true, bs, false, 1);
    expect(result.shape).toEqual([2, 2, 3, 1]);
    expect(Array.from(result.data)).toEqual(perExample((i) => np.index(as, i), () => bs));
  });
});

describe("np.cross", () => {
  it("gives the right-handed perpendicular of 3-vectors, the other axes broadcast", () => {
    const [x, y, z] = [np.array([1, 0, 0]), np.array([0, 1, 0]), np.array([0, 0, 1])];
    expect(Array.from(np.cross(x, y).data)).toEqual([0, 0, 1]);
    expect(Array.from(np.cross(y, x).data)).toEqual([0, 0, -1]);
    const both = np.cross(np.stack([x, y]), z);
    expect(both.shape).toEqual([2, 3]);
    expect(Array.from(both.data)).toEqual([0, -1, 0, 1, 0, 0]);
    expect(np.cross(np.array(Int32Array.of(1, 2, 3)), np.array(Int32Array.of(4, 5, 6))).dtype).toBe("int32");
    expect(() => np.cross(np.array([1, 2]), np.array([3, 4]))).toThrow(/cross: expected vectors of 3 components .* got shapes \(2,\) and \(2,\)/);
  });
});
