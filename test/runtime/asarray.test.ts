import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import { Tensor } from "../../runtime/tensor";
import { expectError, expectTensor } from "./helpers";

describe("np.asarray", () => {
  it("takes a plain typed array as the Tensor's data, not a copy, in the dtype of its class", () => {
    const values = Float32Array.of(1, 2, 3, 4, 5, 6);
    const t = np.asarray(values, [2, 3]);
    expect(t.data).toBe(values);
    expectTensor(t, [[1, 2, 3], [4, 5, 6]], "float32");
    expect(np.asarray(Int32Array.of(7)).data).toBeInstanceOf(Int32Array);
  });

  it("returns a Tensor as it is, or reshaped", () => {
    const t = np.array([[1, 2], [3, 4]]);
    expect(np.asarray(t)).toBe(t);
    expectTensor(np.asarray(t, [4]), [1, 2, 3, 4]);
  });

  it("copies where taking the array would break a Tensor: bool bytes above 1, a subclass", () => {
    const bytes = Uint8Array.of(0, 2, 1);
    const bools = np.asarray(bytes);
    expect(bools.data).not.toBe(bytes);
    expectTensor(bools, [false, true, true], "bool");
    class Tracked extends Float64Array {}
    const tracked = new Tracked(2);
    expect(np.asarray(tracked).data).not.toBe(tracked);
    expect(Object.getPrototypeOf(np.asarray(tracked).data)).toBe(Float64Array.prototype);
  });

  it("is np.array for nested arrays and numbers, and names the shapes that do not fit", () => {
    expectTensor(np.asarray([[1, 2]]), [[1, 2]]);
    expect(np.asarray(3)).toEqual(new Tensor(Float64Array.of(3), [], "float64"));
    expectError(() => np.asarray(Float64Array.of(1, 2, 3), [2, 2]), RangeError, "3 values do not fit shape (2, 2)");
  });
});
