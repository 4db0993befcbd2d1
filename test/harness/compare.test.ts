import { describe, expect, it } from "vitest";
import { Tensor } from "../../runtime/tensor";
import { comparePytrees } from "./compare";

const f64 = (values: number[], shape = [values.length]) => new Tensor(Float64Array.from(values), shape, "float64");

describe("comparePytrees", () => {
  it("accepts equal trees of numbers, booleans, tensors, arrays and objects", () => {
    const tree = () => ({ loss: 0.5, ok: true, parts: [f64([1, 2, 3, 4], [2, 2]), 3] });
    expect(comparePytrees(tree(), tree())).toEqual([]);
  });

  it("tolerates 1e-12 relative or absolute differences, not more", () => {
    expect(comparePytrees(1e6 * (1 + 0.5e-12), 1e6)).toEqual([]);
    expect(comparePytrees(0.5e-12, 0)).toEqual([]);
    expect(comparePytrees(1e6 * (1 + 3e-12), 1e6)).toEqual([`result: got ${1e6 * (1 + 3e-12)}, expected 1000000`]);
    expect(comparePytrees(f64([1, 2.001, 3, 4.5]), f64([1, 2, 3, 4]))).toEqual([
      "result: 2 of 4 elements differ; first at flat index 1: got 2.001, expected 2",
    ]);
  });

  it("counts NaN equal to NaN, but not to a number; infinities only to themselves", () => {
    expect(comparePytrees(f64([NaN, Infinity]), f64([NaN, Infinity]))).toEqual([]);
    expect(comparePytrees(NaN, 0)).toEqual(["result: got NaN, expected 0"]);
    expect(comparePytrees(Infinity, -Infinity)).toEqual(["result: got Infinity, expected -Infinity"]);
    expect(comparePytrees(1e300, Infinity)).toEqual(["result: got 1e+300, expected Infinity"]);
  });

  it("reports shape and dtype mismatches even when the data agree", () => {
    expect(comparePytrees(f64([1, 2, 3, 4], [4]), f64([1, 2, 3, 4], [2, 2]))).toEqual(["result: got shape (4), expected (2, 2)"]);
    const ints = new Tensor(Int32Array.from([1, 2]), [2], "int32");
    expect(comparePytrees(ints, f64([1, 2]))).toEqual(["result: got dtype int32, expected float64"]);
  });

  it("takes null and undefined as empty trees, equal only to themselves", () => {
    expect(comparePytrees([undefined, null, { a: undefined }], [undefined, null, { a: undefined }])).toEqual([]);
    expect(comparePytrees([null], [undefined])).toEqual(["result[0]: got null, expected undefined"]);
    expect(comparePytrees(undefined, 0)).toEqual(["result: got undefined, expected a number"]);
  });

  it("names where structures differ", () => {
    expect(comparePytrees({ a: [1, f64([1])] }, { a: [1, 2] })).toEqual(["result.a[1]: got a Tensor, expected a number"]);
    expect(comparePytrees([1, 2], [1, 2, 3])).toEqual(["result: got an array of length 2, expected length 3"]);
    expect(comparePytrees({ a: 1 }, { a: 1, b: 2 })).toEqual(["result: got keys {a}, expected {a, b}"]);
    expect(comparePytrees(new Float64Array(1), f64([0]))).toEqual(["result: got [object Float64Array], expected a Tensor"]);
  });
});
