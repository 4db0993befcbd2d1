import { describe, expect, it } from "vitest";
import { arange, array, eye, zeros } from "../../runtime/create";
import { dot, matmul, outer } from "../../runtime/linalg";
import { at, reshape } from "../../runtime/shape";
import { Tensor } from "../../runtime/tensor";
import { expectError, expectTensor } from "./helpers";

const a22 = array([[1, 2], [3, 4]]);
const b22 = array([[5, 6], [7, 8]]);
const a23 = array([[1, 2, 3], [4, 5, 6]]);

function asTensor(value: Tensor | number): Tensor {
  if (!(value instanceof Tensor)) throw new Error(`expected a Tensor, got ${value}`);
  return value;
}

/** A naive triple loop, the definition of the product, to check the blocked kernel against. */
function naiveProduct(x: Float64Array, y: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) total += x[i * k + p] * y[p * m + j];
      out[i * m + j] = total;
    }
  }
  return out;
}

describe("matmul", () => {
  it("multiplies matrices", () => {
    expectTensor(matmul(a22, b22), [[19, 22], [43, 50]]);
    expectTensor(matmul(a23, array([[1], [0], [-1]])), [[-2], [-2]]);
    expectTensor(matmul(eye(2), a23), [[1, 2, 3], [4, 5, 6]]);
  });
  it("promotes 1-D operands and removes the added axis", () => {
    expectTensor(matmul(array([1, 1]), a23), [5, 7, 9]);
    expectTensor(matmul(a23, array([1, 0, -1])), [-2, -2]);
    expectTensor(matmul(array([1, 2]), array([3, 4])), 11);
    expect(matmul(array([1, 2]), array([3, 4])).shape).toEqual([]);
  });
  it("broadcasts batch axes", () => {
    const stackA = array([[[1, 0], [0, 1]], [[2, 0], [0, 2]]]); // (2, 2, 2)
    expectTensor(matmul(stackA, b22), [[[5, 6], [7, 8]], [[10, 12], [14, 16]]]);
    expectTensor(matmul(a22, stackA), [[[1, 2], [3, 4]], [[2, 4], [6, 8]]]);
    const left = reshape(arange(8), [2, 1, 2, 2]);
    const right = reshape(arange(12), [3, 2, 2]);
    const product = matmul(left, right);
    expect(product.shape).toEqual([2, 3, 2, 2]);
    // product[1, 2] = [[4, 5], [6, 7]] · [[8, 9], [10, 11]]
    expect([at(product, 1, 2, 0, 0), at(product, 1, 2, 0, 1), at(product, 1, 2, 1, 0), at(product, 1, 2, 1, 1)])
      .toEqual([82, 91, 118, 131]);
    expectTensor(matmul(stackA, array([1, 1])), [[1, 1], [2, 2]]);
  });
  it("agrees with the naive product across block boundaries", () => {
    const [n, k, m] = [5, 130, 300];
    const x = new Float64Array(n * k).map((_, i) => Math.sin(i));
    const y = new Float64Array(k * m).map((_, i) => Math.cos(i));
    const product = matmul(array(x, [n, k]), array(y, [k, m]));
    const expected = naiveProduct(x, y, n, k, m);
    for (let i = 0; i < expected.length; i++) expect(product.data[i]).toBeCloseTo(expected[i], 10);
  });
  it("agrees exactly with the naive product in 4 × 4 tiles and the rows and columns left over", () => {
    for (const [n, k, m] of [[4, 3, 4], [9, 7, 6], [8, 1, 13], [3, 5, 8], [12, 64, 12]]) {
      const x = new Float64Array(n * k).map((_, i) => Math.sin(i + 1));
      const y = new Float64Array(k * m).map((_, i) => Math.cos(2 * i));
      expect(Array.from(matmul(array(x, [n, k]), array(y, [k, m])).data)).toEqual(Array.from(naiveProduct(x, y, n, k, m)));
    }
  });
  it("handles size-0 axes", () => {
    expectTensor(matmul(zeros([2, 0]), zeros([0, 3])), [[0, 0, 0], [0, 0, 0]]);
    expect(matmul(zeros([0, 2]), zeros([2, 3])).shape).toEqual([0, 3]);
  });
  it("follows promotion and int32 arithmetic", () => {
    const ints = array(new Int32Array([65536, 1]), [1, 2]);
    expectTensor(matmul(ints, array(new Int32Array([65536, 5]), [2, 1])), [[5]], "int32");
    expectTensor(matmul(array(new Float32Array([1, 2]), [1, 2]), array(new Float32Array([3, 4]), [2, 1])), [[11]], "float32");
    expectTensor(matmul(array(new Int32Array([1, 2]), [1, 2]), array([0.5, 0.25], [2, 1])), [[1]], "float64");
    expectTensor(matmul(array([[true, false]]), array([[true], [true]])), [[true]], "bool");
  });
  it("rejects misaligned shapes, scalars and batch mismatches", () => {
    expectError(() => matmul(zeros([2, 3]), zeros([4, 5])), RangeError, "matmul: shapes (2, 3) and (4, 5) are not aligned: 3 (axis 1) != 4 (axis 0)");
    expectError(() => matmul(zeros([3]), zeros([4])), RangeError, "matmul", "(3,)", "(4,)", "3 (axis 0) != 4 (axis 0)");
    expectError(() => matmul(zeros([2, 3]), zeros([2, 4, 5])), RangeError, "matmul", "3 (axis 1) != 4 (axis 1)");
    expectError(() => matmul(2, zeros([2])), RangeError, "matmul", "()", "(2,)");
    expectError(() => matmul(zeros([2, 1, 1]), zeros([3, 1, 1])), RangeError, "matmul", "(2, 1, 1)", "(3, 1, 1)");
  });
});

describe("dot", () => {
  it("with a scalar is the elementwise product", () => {
    expect(dot(2, 3)).toBe(6);
    expectTensor(asTensor(dot(2, a22)), [[2, 4], [6, 8]]);
    expectTensor(asTensor(dot(array([1, 2]), array(3))), [3, 6]);
  });
  it("of two vectors is their inner product, a number", () => {
    expect(dot(array([1, 2, 3]), array([4, 5, 6]))).toBe(32);
  });
  it("of matrices is the matrix product", () => {
    expectTensor(asTensor(dot(a22, b22)), [[19, 22], [43, 50]]);
  });
  it("N-D with 1-D sums over the last axis", () => {
    expectTensor(asTensor(dot(a23, array([1, 0, -1]))), [-2, -2]);
    const cube = reshape(arange(12), [2, 3, 2]);
    expectTensor(asTensor(dot(cube, array([1, 10]))), [[10, 32, 54], [76, 98, 120]]);
    expectTensor(asTensor(dot(array([1, 1]), a23)), [5, 7, 9]);
  });
  it("N-D with M-D sums over a's last and b's second-to-last axis", () => {
    const left = reshape(arange(4), [2, 2]); // [[0, 1], [2, 3]]
    const right = reshape(arange(8), [2, 2, 2]); // [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]
    const product = asTensor(dot(left, right));
    expect(product.shape).toEqual([2, 2, 2]);
    // product[i, q, j] = Σ_p left[i, p] · right[q, p, j]
    expect(product.toArray()).toEqual([
      [[2, 3], [6, 7]],
      [[6, 11], [26, 31]],
    ]);
    const a = reshape(arange(24), [2, 3, 4]);
    const b = reshape(arange(40), [2, 4, 5]);
    expect(asTensor(dot(a, b)).shape).toEqual([2, 3, 2, 5]);
  });
  it("rejects misaligned shapes", () => {
    expectError(() => dot(zeros([3]), zeros([4])), RangeError, "dot: shapes (3,) and (4,) are not aligned: 3 (axis 0) != 4 (axis 0)");
    expectError(() => dot(zeros([2, 3]), zeros([2, 4, 5])), RangeError, "dot", "(2, 3)", "(2, 4, 5)", "3 (axis 1) != 4 (axis 1)");
  });
});

describe("outer", () => {
  it("multiplies every pair of the flattened arguments", () => {
    expectTensor(outer(array([1, 2]), array([3, 4, 5])), [[3, 4, 5], [6, 8, 10]]);
    expectTensor(outer(a22, array([1, -1])), [[1, -1], [2, -2], [3, -3], [4, -4]]);
    expectTensor(outer(2, array([1])), [[2]]);
    expectTensor(outer(array(new Int32Array([2])), array(new Int32Array([3]))), [[6]], "int32");
  });
});
