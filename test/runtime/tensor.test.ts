import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { fuseExamples } from "../../runtime/batched/fuse";
import { Tensor, resultTensor } from "../../runtime/tensor";
import { expectError, expectTensor } from "./helpers";

describe("a Tensor is immutable", () => {
  const fresh = () => new Tensor(Float64Array.of(1, 2, 3, 4), [2, 2], "float64");

  it("cannot have its data, shape or dtype reassigned", () => {
    const t = fresh();
    const attempts: Record<string, () => void> = {
      data: () => Object.assign(t, { data: new Float64Array(4) }),
      shape: () => Object.assign(t, { shape: [4] }),
      dtype: () => Object.assign(t, { dtype: "int32" }),
    };
    for (const [name, attempt] of Object.entries(attempts)) expectError(attempt, TypeError, name);
    expectTensor(t, [[1, 2], [3, 4]]);
    expect(t.shape).toEqual([2, 2]);
  });

  it("has a frozen shape of its own, so neither it nor the array it was made from can change it", () => {
    const shape = [2, 2];
    const t = new Tensor(new Float64Array(4), shape, "float64");
    shape[0] = 4;
    expect(t.shape).toEqual([2, 2]);
    expect(Object.isFrozen(t.shape)).toBe(true);
    expect(() => (t.shape as number[]).push(1)).toThrow(TypeError);
  });

  it("made by the runtime for its own results (unchecked, the shape not copied), still has a frozen shape; the next Tensor is checked again", () => {
    const t = resultTensor(new Float64Array(2), [2], "float64");
    expect(Object.isFrozen(t.shape)).toBe(true);
    expectError(() => new Tensor(new Float64Array(2), [3], "float64"), RangeError, "does not fit shape");
    const [fused] = fuseExamples([np.array([[1, 2], [3, 4]])], ["element"], 1, [["element", "data"]], (count, size, [x], _starts, _steps, [out]) => out.set(x.subarray(0, count * size)))!;
    expectTensor(fused, [[1, 2], [3, 4]]);
    expect(Object.isFrozen(fused.shape)).toBe(true);
  });

  it("is immutable as every op returns it", () => {
    const results = [np.add(fresh(), 1), np.sum(fresh(), 0), np.reshape(fresh(), [4]), np.zeros([2]), np.array([1, 2])];
    for (const t of results) expect(() => Object.assign(t, { dtype: "bool" })).toThrow(TypeError);
  });

  it("still compares by content under a test framework's deep equality", () => {
    expect(np.array([1, 2])).toEqual(np.array([1, 2]));
    expect(np.array([1, 2])).not.toEqual(np.array([1, 3]));
    expect(np.array([1, 2])).not.toEqual(np.array([[1, 2]]));
    expect(np.array([1, 0])).not.toEqual(np.array([true, false]));
  });
});

describe("new Tensor(data, shape, dtype) checks its parts", () => {
  it("takes only the four dtypes", () => {
    expectError(() => new Tensor(new Float64Array(2), [2], "float16" as never), TypeError, "Tensor", '"float16"', "float64, float32, int32, bool");
    expectError(() => new Tensor(new Float64Array(2), [2], undefined as never), TypeError, "Tensor", "dtype");
    expectError(() => new Tensor(new Float64Array(2), [2], "toString" as never), TypeError, "Tensor", '"toString"');
  });

  it("wants the typed-array class of the dtype", () => {
    expectError(() => new Tensor(new Float64Array(2), [2], "int32"), TypeError, "Tensor", "int32", "Int32Array", "Float64Array");
    expectError(() => new Tensor(new Int32Array(2), [2], "float32"), TypeError, "Float32Array", "Int32Array");
    expectError(() => new Tensor(new Uint8ClampedArray(2) as never, [2], "bool"), TypeError, "Uint8Array", "Uint8ClampedArray");
    expectError(() => new Tensor([1, 2] as never, [2], "float64"), TypeError, "Float64Array", "Array");
    expectError(() => new Tensor(null as never, [], "float64"), TypeError, "null");
  });

  it("wants a shape of non-negative integers, naming it", () => {
    expectError(() => new Tensor(new Float64Array(0), [-1], "float64"), RangeError, "Tensor", "(-1)", "non-negative integers");
    expectError(() => new Tensor(new Float64Array(3), [1.5, 2], "float64"), RangeError, "(1.5, 2)");
    expectError(() => new Tensor(new Float64Array(1), [NaN], "float64"), RangeError, "(NaN)");
    expectError(() => new Tensor(new Float64Array(2), "2" as never, "float64"), TypeError, "shape");
  });

  it("wants as many elements as the shape holds", () => {
    expectError(() => new Tensor(new Float64Array(5), [2, 2], "float64"), RangeError, "Tensor", "length 5", "(2, 2)", "size 4");
  });

  it("accepts a view into a larger or shared buffer, reading the view's elements", () => {
    const whole = Float64Array.of(9, 1, 2, 3, 9);
    expectTensor(new Tensor(whole.subarray(1, 4), [3], "float64"), [1, 2, 3]);
    const shared = new Int32Array(new SharedArrayBuffer(16)).fill(7);
    expectTensor(np.sum(new Tensor(shared, [2, 2], "int32"), 0), [14, 14], "int32");
    expectTensor(new Tensor(new Uint8Array(new ArrayBuffer(8), 2, 3), [3], "bool"), [false, false, false], "bool");
  });
});

describe("iterating a Tensor", () => {
  it("visits the slices along the leading axis, as np.index gives them", () => {
    const m = np.array([[1, 2], [3, 4], [5, 6]]);
    const rows = [...m];
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => expectTensor(row, np.index(m, i).toArray() as number[]));
    const scalars = [...np.array(new Int32Array([7, 8]))];
    expect(scalars.map((scalar) => [scalar.shape, scalar.dtype, scalar.item()])).toEqual([[[], "int32", 7], [[], "int32", 8]]);
    expect([...np.zeros([0, 3])]).toEqual([]);
  });

  it("is not iterable at rank 0, which has no leading axis", () => {
    expect(() => [...(np.array(3) as Iterable<Tensor>)]).toThrow(TypeError);
  });
});
