import { describe, expect, it } from "vitest";
import { arange, array, eye, full, linspace, ones, zeros } from "../../runtime/create";
import { expectError, expectTensor } from "./helpers";

describe("array", () => {
  it("reads JS numbers and booleans as float64 and bool", () => {
    expectTensor(array(3), 3);
    expect(array(3).shape).toEqual([]);
    expectTensor(array(true), true, "bool");
    expectTensor(array([[1, 2], [3, 4]]), [[1, 2], [3, 4]]);
    expectTensor(array([true, false]), [true, false], "bool");
    expectTensor(array([true, 2]), [1, 2]);
    expect(array([]).shape).toEqual([0]);
    expect(array([[], []]).shape).toEqual([2, 0]);
  });
  it("takes the dtype from a typed array and copies it", () => {
    const source = new Int32Array([1, 2, 3]);
    const t = array(source);
    source[0] = 99;
    expectTensor(t, [1, 2, 3], "int32");
    expectTensor(array(new Float32Array([0.5])), [0.5], "float32");
    expectTensor(array(new Uint8Array([0, 1, 7])), [false, true, true], "bool");
    expectTensor(array(new Float64Array([1, 2, 3, 4]), [2, 2]), [[1, 2], [3, 4]]);
  });
  it("rejects ragged arrays, bad elements and bad shapes", () => {
    expectError(() => array([[1, 2], [3]]), RangeError, "array", "ragged", "(2, 2)");
    expectError(() => array([[1, 2], 3] as never), RangeError, "array", "ragged");
    expectError(() => array([1, [2]] as never), RangeError, "array", "ragged");
    expectError(() => array(["a"] as never), TypeError, "array", "string");
    expectError(() => array(new Int8Array(2) as never), TypeError, "array", "Int8Array");
    expectError(() => array([1, 2, 3], [2, 2]), RangeError, "array", "(2, 2)");
  });
});

describe("toString", () => {
  it("prints nested brackets as JS prints numbers", () => {
    expect(array([14, 77, 194, 1]).toString()).toBe("[14, 77, 194, 1]");
    expect(array([[1, 2], [3, 4]]).toString()).toBe("[[1, 2], [3, 4]]");
    expect(array([0.5, -1.25]).toString()).toBe("[0.5, -1.25]");
    expect(array(7).toString()).toBe("7");
    expect(array([true, false]).toString()).toBe("[true, false]");
  });
});

describe("filled arrays", () => {
  it("zeros, ones and full take a shape or a length", () => {
    expectTensor(zeros([2, 2]), [[0, 0], [0, 0]]);
    expectTensor(zeros(3, "int32"), [0, 0, 0], "int32");
    expectTensor(ones(2), [1, 1]);
    expectTensor(ones([1, 2], "bool"), [[true, true]], "bool");
    expectTensor(full([2], 7), [7, 7]);
    expectTensor(full(2, true), [true, true], "bool");
    expectTensor(full(2, 2.5, "float32"), [2.5, 2.5], "float32");
    expectTensor(zeros([]), 0);
  });
  it("rejects bad shapes", () => {
    expectError(() => zeros([2, -1]), RangeError, "zeros", "(2, -1)");
    expectError(() => ones(1.5), RangeError, "ones", "(1.5)");
    expectError(() => full([2, 0.5], 1), RangeError, "full", "(2, 0.5)");
  });
  it("reject unknown dtypes", () => {
    expectError(() => zeros(2, "int64" as never), TypeError, "zeros", "int64");
    expectError(() => eye(2, "float16" as never), TypeError, "eye", "float16");
  });
});

describe("ranges", () => {
  it("arange counts up to, not including, stop", () => {
    expectTensor(arange(4), [0, 1, 2, 3]);
    expectTensor(arange(2, 5), [2, 3, 4]);
    expectTensor(arange(0, 1, 0.25), [0, 0.25, 0.5, 0.75]);
    expectTensor(arange(5, 0, -2), [5, 3, 1]);
    expectTensor(arange(3, 1), []);
    expectTensor(arange(3, "int32"), [0, 1, 2], "int32");
    expectError(() => arange(0, 1, 0), RangeError, "arange", "step");
    expectError(() => arange(3, "bool"), TypeError, "arange", "bool");
  });
  it("linspace includes both ends", () => {
    expectTensor(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
    expectTensor(linspace(2, 2, 1), [2]);
    expectTensor(linspace(0, 1, 0), []);
    expect(linspace(0, 0.3, 4).data[3]).toBe(0.3);
    expectError(() => linspace(0, 1, -1), RangeError, "linspace");
  });
  it("eye is the identity", () => {
    expectTensor(eye(3), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expectTensor(eye(0), []);
  });
});
