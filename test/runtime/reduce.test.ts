import { describe, expect, it } from "vitest";
import { arange, array, zeros } from "../../runtime/create";
import { argmax, argmin, max, mean, min, prod, sum } from "../../runtime/reduce";
import { reshape } from "../../runtime/shape";
import { logSoftmax, logsumexp, softmax } from "../../runtime/softmax";
import { expectError, expectTensor } from "./helpers";

const m23 = array([[1, 2, 3], [4, 5, 6]]);
/** t[i, j, k] = 12i + 4j + k */
const cube = reshape(arange(24), [2, 3, 4]);

describe("sum, prod, mean, max, min", () => {
  it("with no axis give a number", () => {
    expect(sum(m23)).toBe(21);
    expect(prod(m23)).toBe(720);
    expect(mean(m23)).toBe(3.5);
    expect(max(m23)).toBe(6);
    expect(min(m23)).toBe(1);
    expect(sum(5)).toBe(5);
  });
  it("reduce one axis, negative axes included", () => {
    expectTensor(sum(m23, 0), [5, 7, 9]);
    expectTensor(sum(m23, -1), [6, 15]);
    expectTensor(prod(m23, 1), [6, 120]);
    expectTensor(mean(m23, 0), [2.5, 3.5, 4.5]);
    expectTensor(max(m23, 1), [3, 6]);
    expectTensor(min(m23, -2), [1, 2, 3]);
  });
  it("reduce a middle axis and several axes", () => {
    // sum over j of 12i + 4j + k = 36i + 12 + 3k
    expectTensor(sum(cube, 1), [[12, 15, 18, 21], [48, 51, 54, 57]]);
    // sum over i and k of 12i + 4j + k = 4·(0 + 12) + 8·4j + 2·(0 + 1 + 2 + 3) = 60 + 32j
    expectTensor(sum(cube, [0, 2]), [60, 92, 124]);
    expectTensor(sum(cube, [2, 0]), [60, 92, 124]);
    // sum over j and k of 12i + 4j + k = 144i + 48 + 18 = 144i + 66
    expectTensor(sum(cube, [-1, -2]), [66, 210]);
    expectTensor(max(cube, [0, 1]), [20, 21, 22, 23]);
    expectTensor(mean(cube, [0, 2]), [7.5, 11.5, 15.5]);
  });
  it("keepdims keeps unit axes", () => {
    expectTensor(sum(m23, 1, true), [[6], [15]]);
    expectTensor(sum(m23, null, true), [[21]]);
    expect(max(cube, [0, 2], true).shape).toEqual([1, 3, 1]);
    expect(sum(cube, [], true).shape).toEqual([2, 3, 4]);
  });
  it("an empty axis list reduces nothing", () => {
    expectTensor(sum(m23, []), [[1, 2, 3], [4, 5, 6]]);
  });
  it("give identities over empty axes", () => {
    expect(sum(zeros([0]))).toBe(0);
    expect(prod(zeros([0]))).toBe(1);
    expect(mean(zeros([0]))).toBeNaN();
    expectTensor(sum(zeros([2, 0]), 1), [0, 0]);
    expectTensor(prod(zeros([0, 2]), 0), [1, 1]);
    expectTensor(max(zeros([0, 2]), 1), []);
  });
  it("max and min of an empty axis are errors", () => {
    expectError(() => max(zeros([0])), RangeError, "max", "(0,)");
    expectError(() => min(zeros([2, 0]), 1), RangeError, "min", "(2, 0)");
  });
  it("max and min propagate NaN", () => {
    expect(max(array([1, NaN, 3]))).toBeNaN();
    expectTensor(min(array([[1, NaN], [2, 3]]), 0), [1, NaN]);
  });
  it("follow the dtype rules", () => {
    const ints = array(new Int32Array([2147483647, 1]));
    expectTensor(sum(ints, 0), -2147483648, "int32");
    expectTensor(prod(array(new Int32Array([65536, 65536, 3])), 0), 0, "int32");
    expectTensor(sum(array([true, true, false]), 0), 2, "int32");
    expectTensor(max(array([true, false]), 0), true, "bool");
    expectTensor(mean(array(new Int32Array([1, 2])), 0), 1.5, "float64");
    expectTensor(sum(array(new Float32Array([0.5, 0.25])), 0), 0.75, "float32");
    expectTensor(mean(array(new Float32Array([1, 2])), 0), 1.5, "float32");
  });
  it("reject bad axes", () => {
    expectError(() => sum(m23, 2), RangeError, "sum", "axis 2", "(2, 3)");
    expectError(() => mean(m23, -3), RangeError, "mean", "axis -3", "(2, 3)");
    expectError(() => prod(m23, [0, -2]), RangeError, "prod", "repeated", "(2, 3)");
    expectError(() => max(m23, 0.5), TypeError, "max", "integer");
  });
});

describe("argmax and argmin", () => {
  it("index the flattened array with no axis", () => {
    expect(argmax(m23)).toBe(5);
    expect(argmin(m23)).toBe(0);
    expect(argmax(7)).toBe(0);
  });
  it("reduce one axis to int32 indices", () => {
    expectTensor(argmax(m23, 0), [1, 1, 1], "int32");
    expectTensor(argmax(m23, -1), [2, 2], "int32");
    expectTensor(argmin(cube, 1), [[0, 0, 0, 0], [0, 0, 0, 0]], "int32");
    expectTensor(argmax(cube, 1), [[2, 2, 2, 2], [2, 2, 2, 2]], "int32");
    expectTensor(argmax(m23, 1, true), [[2], [2]], "int32");
    expectTensor(argmax(m23, null, true), [[5]], "int32");
  });
  it("first occurrence wins; the first NaN wins over numbers", () => {
    expect(argmax(array([1, 3, 3, 0]))).toBe(1);
    expect(argmin(array([2, 0, 0]))).toBe(1);
    expect(argmax(array([1, NaN, 5, NaN]))).toBe(1);
    expect(argmin(array([1, NaN, -5]))).toBe(1);
    expectTensor(argmax(array([[1, 5], [NaN, 5], [NaN, 9]]), 0), [1, 2], "int32");
  });
  it("reject empty axes and bad axes", () => {
    expectError(() => argmax(zeros([0])), RangeError, "argmax", "(0,)");
    expectError(() => argmin(zeros([2, 0]), 1), RangeError, "argmin", "(2, 0)");
    expectError(() => argmax(m23, 2), RangeError, "argmax", "axis 2", "(2, 3)");
    expectError(() => argmax(m23, [0] as never), TypeError, "argmax");
  });
});

describe("logsumexp and softmax", () => {
  it("logsumexp is stable and exact on simple inputs", () => {
    expect(logsumexp(array([0, 0]))).toBeCloseTo(Math.LN2, 15);
    expect(logsumexp(array([1000, 1000]))).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logsumexp(array([-1000, -1000]))).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logsumexp(array([-Infinity, -Infinity]))).toBe(-Infinity);
    expect(logsumexp(array([Infinity, 0]))).toBe(Infinity);
    expect(logsumexp(zeros([0]))).toBe(-Infinity);
  });
  it("logsumexp reduces axes like sum", () => {
    const x = array([[0, Math.log(3)], [Math.log(2), Math.log(2)]]);
    const rows = logsumexp(x, 1);
    expect(rows.shape).toEqual([2]);
    expect(rows.data[0]).toBeCloseTo(Math.log(4), 15);
    expect(rows.data[1]).toBeCloseTo(Math.log(4), 15);
    const columns = logsumexp(x, 0, true);
    expect(columns.shape).toEqual([1, 2]);
    expect(columns.data[0]).toBeCloseTo(Math.log(3), 15);
    expect(columns.data[1]).toBeCloseTo(Math.log(5), 15);
    // over axes 0 and 2 of 12i + 4j + k: log Σ_{i,k} e^(12i + 4j + k) = 4j + log((1 + e^12)(1 + e + e^2 + e^3))
    const expected = Math.log((1 + Math.exp(12)) * (1 + Math.E + Math.exp(2) + Math.exp(3)));
    const both = logsumexp(cube, [0, 2]);
    [0, 1, 2].forEach((j) => expect(both.data[j]).toBeCloseTo(4 * j + expected, 12));
  });
  it("logsumexp gives a float", () => {
    expect(logsumexp(array(new Int32Array([0, 0])), 0).dtype).toBe("float64");
    expect(logsumexp(array(new Float32Array([0, 0])), 0).dtype).toBe("float32");
  });
  it("softmax normalises along the last axis by default", () => {
    const s = softmax(array([[0, Math.log(3)], [1000, 1000]]));
    expect(s.shape).toEqual([2, 2]);
    [0.25, 0.75, 0.5, 0.5].forEach((v, i) => expect(s.data[i]).toBeCloseTo(v, 15));
  });
  it("softmax along another axis", () => {
    const s = softmax(array([[0, 1], [Math.log(3), 1]]), 0);
    [0.25, 0.5, 0.75, 0.5].forEach((v, i) => expect(s.data[i]).toBeCloseTo(v, 15));
    expect(softmax(array(new Float32Array([1, 1]))).dtype).toBe("float32");
  });
  it("softmax rejects bad axes", () => {
    expectError(() => softmax(array([1, 2]), 1), RangeError, "softmax", "axis 1", "(2,)");
    expectError(() => softmax(array(1)), RangeError, "softmax", "()");
  });
  it("logSoftmax keeps the log of a probability that softmax rounds to 0, along any axis, in the float dtype", () => {
    const l = logSoftmax(array([[0, -800], [Math.log(3), 0]]));
    expect(l.data[1]).toBeCloseTo(-800, 12);
    expect(Math.log(softmax(array([0, -800])).data[1])).toBe(-Infinity);
    expect(l.data[2]).toBeCloseTo(Math.log(0.75), 15);
    const columns = logSoftmax(array([[0, 1], [Math.log(3), 1]]), 0);
    [Math.log(0.25), Math.log(0.5), Math.log(0.75), Math.log(0.5)].forEach((v, i) => expect(columns.data[i]).toBeCloseTo(v, 15));
    expect(logSoftmax(array(new Float32Array([1, 1]))).dtype).toBe("float32");
    expect(logSoftmax(array(new Int32Array([1, 1]))).dtype).toBe("float64");
    expectError(() => logSoftmax(array([1, 2]), 1), RangeError, "logSoftmax", "axis 1", "(2,)");
  });
});
