import { describe, expect, it } from "vitest";
import { mapAxis, mapBooleans, mapNumbers } from "../../runtime/batched/levels";
import { array } from "../../runtime/create";
import type { TypedArray } from "../../runtime/dtype";
import type { Tensor } from "../../runtime/tensor";
import { expectTensor } from "./helpers";

/** What the caller's array looks like from each way in: np.array, and a typed array handed straight to a compiled function. */
const waysIn: Record<string, (values: TypedArray) => Tensor> = {
  "np.array": (values) => array(values),
  "a compiled function's Tensor argument (mapAxis)": (values) => mapAxis(values, 0, 0),
};

describe("a typed array as a Tensor", () => {
  for (const [way, toTensor] of Object.entries(waysIn)) {
    describe(way, () => {
      it("keeps the values and takes the dtype from the class", () => {
        expectTensor(toTensor(new Float64Array([0.5, -2, 1e300])), [0.5, -2, 1e300]);
        expectTensor(toTensor(new Float32Array([0.1, 3])), [Math.fround(0.1), 3], "float32");
        expectTensor(toTensor(new Int32Array([-7, 2 ** 31 - 1])), [-7, 2 ** 31 - 1], "int32");
        expect(toTensor(new Float64Array(4)).shape).toEqual([4]);
        expect(toTensor(new Float64Array(0)).shape).toEqual([0]);
      });

      it("is not changed by writes to the caller's array afterwards", () => {
        const source = new Float64Array([1, 2, 3]);
        const t = toTensor(source);
        source[0] = 99;
        source.fill(-1);
        expectTensor(t, [1, 2, 3]);
        expect(t.data.buffer).not.toBe(source.buffer);
      });

      it("copies only the view's elements from a subarray or a view at an offset", () => {
        const whole = Float64Array.from({ length: 10 }, (_, i) => i);
        const sub = toTensor(whole.subarray(3, 6));
        expectTensor(sub, [3, 4, 5]);
        expect(sub.data.byteOffset).toBe(0);
        expect(sub.data.buffer.byteLength).toBe(3 * 8);
        const offsetView = new Int32Array(new Int32Array([9, 8, 7, 6, 5]).buffer, 8, 2);
        expectTensor(toTensor(offsetView), [7, 6], "int32");
        whole[4] = -4;
        expectTensor(sub, [3, 4, 5]);
      });

      it("reads a view of a SharedArrayBuffer into memory of its own", () => {
        const shared = new Float32Array(new SharedArrayBuffer(12));
        shared.set([1, 2, 3]);
        const t = toTensor(shared);
        Atomics.store(new Int32Array(shared.buffer), 0, 0);
        expectTensor(t, [1, 2, 3], "float32");
        expect(t.data.buffer).toBeInstanceOf(ArrayBuffer);
      });

      it("stores a Uint8Array as bool: every nonzero byte is 1", () => {
        const t = toTensor(new Uint8Array([0, 1, 7, 255]));
        expectTensor(t, [false, true, true, true], "bool");
        expect(Array.from(t.data)).toEqual([0, 1, 1, 1]);
      });

      it("makes a plain array of the dtype's class from a subclass, whatever its species says", () => {
        class Tagged extends Float64Array {
          static override get [Symbol.species](): Float64ArrayConstructor {
            throw new Error("species must not be consulted");
          }
        }
        const t = toTensor(Tagged.from([1, 2]) as Float64Array);
        expect(t.data.constructor).toBe(Float64Array);
        expectTensor(t, [1, 2]);
      });
    });
  }

  it("np.array lays the copy out in the given shape", () => {
    const source = Float64Array.from({ length: 6 }, (_, i) => i + 1);
    const t = array(source, [2, 3]);
    source[5] = 0;
    expectTensor(t, [[1, 2, 3], [4, 5, 6]]);
    expect(array(source.subarray(2), [2, 2]).toArray()).toEqual([[3, 4], [5, 0]]);
  });
});

describe("a typed array handed to a compiled function's per-example number or boolean", () => {
  it("becomes float64 numbers in the one copy, whatever its class", () => {
    expectTensor(mapNumbers(new Float32Array([0.1, -2]), 0, 0), [Math.fround(0.1), -2]);
    expectTensor(mapNumbers(new Int32Array([-3, 4]), 0, 0), [-3, 4]);
    expectTensor(mapNumbers(new Uint8Array([0, 2, 1]), 0, 0), [0, 1, 1]);
    expectTensor(mapNumbers(new Float64Array([1, 2, 3, 4]).subarray(1, 3), -1, 0), [2, 3]);
  });

  it("is not changed by writes to the caller's array afterwards", () => {
    for (const source of [new Float64Array([1, 2]), new Float32Array([1, 2]), new Int32Array([1, 2])]) {
      const numbers = mapNumbers(source, 0, 0);
      source[0] = 50;
      expectTensor(numbers, [1, 2]);
    }
  });

  it("as booleans, is JS truthiness of each number", () => {
    expectTensor(mapBooleans(new Float64Array([0, Number.NaN, -0.5, 3]), 0, 0), [false, false, true, true], "bool");
    expectTensor(mapBooleans(new Uint8Array([0, 9]), 0, 0), [false, true], "bool");
  });
});

describe("nested JS arrays", () => {
  it("convert to the shape of their nesting, float64, bool only when every element is a boolean", () => {
    const rows = Array.from({ length: 50 }, (_, i) => Array.from({ length: 7 }, (_, j) => i * 7 + j - 0.5));
    const t = array(rows);
    expect(t.shape).toEqual([50, 7]);
    expect(t.dtype).toBe("float64");
    expect(Array.from(t.data)).toEqual(rows.flat());
    expectTensor(array([[[1], [2]], [[3], [true]]]), [[[1], [2]], [[3], [1]]]);
    expectTensor(array([[true, false], [false, true]]), [[true, false], [false, true]], "bool");
  });

  it("are copied: writes to the arrays afterwards do not reach the Tensor", () => {
    const rows = [[1, 2], [3, 4]];
    const t = array(rows);
    rows[0][0] = 10;
    rows[1] = [0, 0];
    expectTensor(t, [[1, 2], [3, 4]]);
  });

  it("name the element that is wrong, at any depth", () => {
    expect(() => array([[1, 2], [3, "x" as never]])).toThrow(/element \[1, 1\] is a string/);
    expect(() => array([[[1], [2]], [[3], [4, 5]]])).toThrow(/element \[1, 1\] has length 2, expected 1/);
    expect(() => array([[1, 2], 3 as never])).toThrow(/element \[1\] is a scalar, expected an array of length 2/);
    expect(() => array([[1, [2] as never]])).toThrow(/element \[0, 1\] is an array, expected a scalar/);
    expect(() => array([[1, , 3] as never])).toThrow(/element \[0, 1\] is a hole/);
    expect(() => array([[1], , [3]] as never)).toThrow(/element \[1\] is a hole/);
    expect(() => array([[], [1]])).toThrow(/element \[1\] has length 1, expected 0/);
  });
});
