import { describe, expect, it } from "vitest";
import { array, zeros } from "../../runtime/create";
import {
  add, div, equal, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, logicalXor, maximum, minimum, mod, mul,
  notEqual, pow, sub,
} from "../../runtime/elementwise/binary";
import {
  abs, ceil, cos, exp, expm1, floor, log, log1p, logicalNot, neg, round, sigmoid, sign, sin, sqrt, square, tan, tanh,
} from "../../runtime/elementwise/unary";
import { clip, where } from "../../runtime/elementwise/where";
import { expectError, expectTensor } from "./helpers";

const int32 = (values: number[]) => array(new Int32Array(values));
const float32 = (values: number[]) => array(new Float32Array(values));

describe("unary ops", () => {
  it("compute numpy's values", () => {
    expectTensor(neg(array([1, -2])), [-1, 2]);
    expectTensor(abs(array([-1.5, 2])), [1.5, 2]);
    expectTensor(sign(array([-3, 0, 2])), [-1, 0, 1]);
    expectTensor(square(array([3, -0.5])), [9, 0.25]);
    expectTensor(sqrt(array([4, 2.25])), [2, 1.5]);
    expectTensor(exp(array([0, 1])), [1, Math.E]);
    expectTensor(log(array([1, Math.E])), [0, 1]);
    expectTensor(log1p(array([0])), [0]);
    expectTensor(expm1(array([0])), [0]);
    expectTensor(sin(array([0, Math.PI / 2])), [0, 1]);
    expectTensor(cos(array([0, Math.PI])), [1, -1]);
    expectTensor(tan(array([0])), [0]);
    expectTensor(tanh(array([0])), [0]);
    expectTensor(sigmoid(array([0, -1000, 1000])), [0.5, 0, 1]);
    expectTensor(floor(array([1.5, -1.5])), [1, -2]);
    expectTensor(ceil(array([1.5, -1.5])), [2, -1]);
    expectTensor(logicalNot(array([0, 2, NaN])), [true, false, false], "bool");
  });
  it("round rounds half to even", () => {
    expectTensor(round(array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6])), [0, 2, 2, -0, -2, -2, 2, 3]);
    expect(round(3.5)).toBe(4);
  });
  it("log1p and expm1 keep precision near 0", () => {
    expect(log1p(1e-17)).toBe(1e-17);
    expect(expm1(1e-17)).toBe(1e-17);
  });
  it("all-scalar arguments give JS scalars", () => {
    expect(sqrt(9)).toBe(3);
    expect(neg(true)).toBe(-1);
    expect(logicalNot(0)).toBe(true);
    expect(logicalNot(false)).toBe(true);
  });
  it("follow the dtype rules", () => {
    expectTensor(neg(int32([1, -2147483648])), [-1, -2147483648], "int32");
    expectTensor(square(int32([65536, 3])), [0, 9], "int32");
    expectTensor(sqrt(int32([4])), [2], "float64");
    expectTensor(sqrt(float32([2])), [Math.fround(Math.SQRT2)], "float32");
    expectTensor(neg(array([true, false])), [-1, 0], "int32");
    expectTensor(abs(float32([-0.1])), [Math.fround(0.1)], "float32");
    expectTensor(floor(int32([3])), [3], "int32");
    expectTensor(exp(array([true])), [Math.E], "float64");
  });
  it("keep the shape, rank 0 and size 0 included", () => {
    expect(exp(array(0)).shape).toEqual([]);
    expect(exp(zeros([0, 2])).shape).toEqual([0, 2]);
  });
  it("reject non-operands", () => {
    expectError(() => exp([1, 2] as never), TypeError, "exp", "array");
  });
});

describe("binary arithmetic", () => {
  it("computes elementwise values", () => {
    const a = array([6, -7, 8]);
    const b = array([3, 2, -4]);
    expectTensor(add(a, b), [9, -5, 4]);
    expectTensor(sub(a, b), [3, -9, 12]);
    expectTensor(mul(a, b), [18, -14, -32]);
    expectTensor(div(a, b), [2, -3.5, -2]);
    expectTensor(pow(a, array([2, 3, 0.5])), [36, -343, Math.SQRT2 * 2]);
    expectTensor(maximum(a, b), [6, 2, 8]);
    expectTensor(minimum(a, b), [3, -7, -4]);
  });
  it("mod takes the divisor's sign", () => {
    expectTensor(mod(array([7, -7, 7, -7, 6, 5.5]), array([3, 3, -3, -3, 3, 2])), [1, 2, -2, -1, 0, 1.5]);
    expectTensor(mod(int32([-7, 7, 5]), int32([3, -3, 0])), [2, -2, 0], "int32");
    expect(mod(-1, 3)).toBe(2);
  });
  it("pow follows C's pow at 1 and 0 exponents", () => {
    expectTensor(pow(array([1, NaN, -1]), array([NaN, 0, Infinity])), [1, 1, 1]);
    expectTensor(pow(int32([2, 3, -2]), int32([10, 0, 3])), [1024, 1, -8], "int32");
    // 3^21 = 10460353203 = 2·2^32 + 1870418611
    expectTensor(pow(int32([3]), 21), [1870418611], "int32");
    expectError(() => pow(int32([2]), -1), RangeError, "pow", "negative");
  });
  it("maximum and minimum propagate NaN", () => {
    expectTensor(maximum(array([NaN, 1]), array([0, NaN])), [NaN, NaN]);
    expectTensor(minimum(array([NaN]), 5), [NaN]);
  });
  it("all-scalar arguments give a number", () => {
    expect(add(1, 2)).toBe(3);
    expect(div(1, 4)).toBe(0.25);
    expect(mul(true, 5)).toBe(5);
    expect(maximum(2, -1)).toBe(2);
  });
});

describe("broadcasting", () => {
  it("aligns trailing axes", () => {
    expectTensor(add(array([[1, 2, 3], [4, 5, 6]]), array([10, 20, 30])), [[11, 22, 33], [14, 25, 36]]);
    expectTensor(add(array([[1], [2]]), array([[10, 20, 30]])), [[11, 21, 31], [12, 22, 32]]);
    expectTensor(sub(array([[1], [2]]), array([10, 20])), [[-9, -19], [-8, -18]]);
  });
  it("meets rank 0 with any rank", () => {
    expectTensor(mul(array(2), array([[1, 2]])), [[2, 4]]);
    expectTensor(add(array(1), array(2)), 3);
    expect(add(array(1), array(2)).shape).toEqual([]);
    expectTensor(sub(10, array([1, 2])), [9, 8]);
  });
  it("handles size-0 axes", () => {
    expect(add(zeros([0, 3]), array([1, 2, 3])).shape).toEqual([0, 3]);
    expect(add(zeros([2, 0]), zeros([1, 1])).shape).toEqual([2, 0]);
    expect(add(zeros([0]), 1).shape).toEqual([0]);
  });
  it("broadcasts over several axes at once", () => {
    const a = array([[[1, 2]], [[3, 4]]]); // (2, 1, 2)
    const b = array([[10, 20], [30, 40], [50, 60]]); // (3, 2)
    const sum = add(a, b);
    expect(sum.shape).toEqual([2, 3, 2]);
    expect(sum.toArray()).toEqual([
      [[11, 22], [31, 42], [51, 62]],
      [[13, 24], [33, 44], [53, 64]],
    ]);
  });
  it("rejects shapes that do not broadcast", () => {
    expectError(() => add(array([[1, 2, 3], [4, 5, 6]]), array([1, 2])), RangeError, "add", "(2, 3)", "(2,)");
    expectError(() => less(zeros([3]), zeros([4])), RangeError, "less", "(3,)", "(4,)");
  });
});

describe("dtypes of binary ops", () => {
  it("promote between tensors as numpy does", () => {
    expectTensor(add(int32([1]), float32([0.5])), [1.5], "float64");
    expectTensor(add(float32([1]), array([0.5])), [1.5], "float64");
    expectTensor(add(int32([1]), array([true])), [2], "int32");
    expectTensor(maximum(array([true]), array([false])), [true], "bool");
  });
  it("keep bool as numpy does: add is or, mul is and, abs and floor give the bool, sub is a TypeError", () => {
    expectTensor(add(array([true, true, false]), array([true, false, false])), [true, true, false], "bool");
    expectTensor(mul(array([true, true, false]), array([true, false, false])), [true, false, false], "bool");
    expectTensor(add(array([true, false]), true), [true, true], "bool");
    expect(add(true, true)).toBe(true);
    expect(mul(true, false)).toBe(false);
    expect(maximum(false, true)).toBe(true);
    expect(add(true, 1)).toBe(2);
    expectTensor(abs(array([true, false])), [true, false], "bool");
    expectTensor(floor(array([true, false])), [true, false], "bool");
    expect(ceil(true)).toBe(true);
    expect(() => sub(array([true]), array([false]))).toThrow(/sub: numpy has no subtraction of bool Tensors; write np.logicalXor\(a, b\)/);
    expect(() => sub(true, false)).toThrow(TypeError);
    expectTensor(sub(array([true]), 1), [0], "int32");
  });
  it("a JS number takes the tensor's dtype (weak typing)", () => {
    expectTensor(add(int32([1]), 2), [3], "int32");
    expectTensor(add(float32([1]), 0.1), [Math.fround(1 + Math.fround(0.1))], "float32");
    expectTensor(add(array([true]), 2), [3], "int32");
    expectTensor(mul(int32([2]), true), [2], "int32");
  });
  it("except a non-integer or out-of-range number with an int32 or bool tensor", () => {
    expectTensor(add(int32([1]), 0.5), [1.5], "float64");
    expectTensor(add(array([true]), 0.5), [1.5], "float64");
    expectTensor(add(int32([1]), 2 ** 31), [2 ** 31 + 1], "float64");
  });
  it("division gives a float", () => {
    expectTensor(div(int32([1]), int32([2])), [0.5], "float64");
    expectTensor(div(float32([1]), 4), [0.25], "float32");
    expectTensor(div(int32([1]), 0), [Infinity], "float64");
  });
  it("int32 results wrap like int32", () => {
    expectTensor(add(int32([2147483647]), 1), [-2147483648], "int32");
    expectTensor(mul(int32([65536]), int32([65537])), [65536], "int32");
    expectTensor(sub(int32([-2147483648]), 1), [2147483647], "int32");
  });
  it("float32 results are rounded to float32", () => {
    expectTensor(mul(float32([1 / 3]), 3), [Math.fround(Math.fround(1 / 3) * 3)], "float32");
  });
});

describe("comparisons and logic", () => {
  it("give bool tensors", () => {
    const a = array([1, 2, 3]);
    expectTensor(less(a, 2), [true, false, false], "bool");
    expectTensor(lessEqual(a, 2), [true, true, false], "bool");
    expectTensor(greater(a, 2), [false, false, true], "bool");
    expectTensor(greaterEqual(a, 2), [false, true, true], "bool");
    expectTensor(equal(a, array([1, 0, 3])), [true, false, true], "bool");
    expectTensor(notEqual(a, array([1, 0, 3])), [false, true, false], "bool");
    expectTensor(equal(array([NaN]), NaN), [false], "bool");
  });
  it("compare a float32 tensor with a number rounded to float32", () => {
    expectTensor(equal(float32([0.1]), 0.1), [true], "bool");
    expectTensor(equal(array([0.1]), float32([0.1])), [false], "bool");
  });
  it("compare int32 with numbers beyond int32 exactly", () => {
    expectTensor(less(int32([2147483647]), 2 ** 31), [true], "bool");
    expectTensor(greater(int32([0]), -0.5), [true], "bool");
  });
  it("logical ops take nonzero (NaN included) as true", () => {
    expectTensor(logicalAnd(array([1, 0, NaN]), array([2, 1, 1])), [true, false, true], "bool");
    expectTensor(logicalOr(array([0, 0]), array([false, true])), [false, true], "bool");
    expectTensor(logicalXor(array([1, 0, NaN, 0]), array([2, 1, 0, 0])), [false, true, true, false], "bool");
    expect(logicalXor(true, NaN)).toBe(false);
  });
  it("all-scalar arguments give a boolean", () => {
    expect(less(1, 2)).toBe(true);
    expect(equal(1, 2)).toBe(false);
    expect(logicalAnd(true, 0)).toBe(false);
    expect(logicalOr(NaN, false)).toBe(true);
  });
});

describe("where and clip", () => {
  it("where picks elementwise with broadcasting", () => {
    expectTensor(where(array([true, false, true]), array([1, 2, 3]), 0), [1, 0, 3]);
    expectTensor(where(array([[true], [false]]), array([1, 2]), array([10, 20])), [[1, 2], [10, 20]]);
    expectTensor(where(array([1, 0, NaN]), 1, -1), [1, -1, 1]);
    expectTensor(where(true, array([1, 2]), 0), [1, 2]);
  });
  it("where's dtype is that of its branches", () => {
    expectTensor(where(array([true]), int32([1]), 2), [1], "int32");
    expectTensor(where(array([true]), int32([1]), 2.5), [1], "float64");
    expectTensor(where(array([true, false]), true, false), [true, false], "bool");
    expectTensor(where(int32([1]), float32([0.5]), 1), [0.5], "float32");
  });
  it("where with scalars only gives a JS scalar", () => {
    expect(where(true, 1, 2)).toBe(1);
    expect(where(0, 1, 2)).toBe(2);
    expect(where(false, true, false)).toBe(false);
  });
  it("where rejects shapes that do not broadcast", () => {
    expectError(() => where(zeros([2]), zeros([3]), 0), RangeError, "where", "(2,)", "(3,)");
  });
  it("clip limits to [lo, hi]", () => {
    expectTensor(clip(array([-2, 0.5, 3]), 0, 1), [0, 0.5, 1]);
    expectTensor(clip(array([[-2, 5]]), array([-1, 0]), array([1, 2])), [[-1, 2]]);
    expectTensor(clip(int32([-5, 5]), 0, 3), [0, 3], "int32");
    expect(clip(5, 0, 3)).toBe(3);
    expectError(() => clip(zeros([2]), zeros([3]), 1), RangeError, "clip", "(2,)", "(3,)");
  });
});
