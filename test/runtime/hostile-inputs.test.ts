import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";
import type { Tensor } from "../../runtime/tensor";
import { expectError, expectTensor } from "./helpers";

// Bad arguments from JS (or through `as never` from TS): each is a clear error naming the op and the argument.
const t = np.array([[1, 2, 3], [4, 5, 6]]);
const call = (op: keyof typeof np, ...args: unknown[]) => () => (np[op] as (...a: unknown[]) => unknown)(...args);

describe("fill values and shapes", () => {
  it("np.full takes only a number or a boolean", () => {
    expectError(call("full", [2], "x"), TypeError, "full", "fill value", '"x"');
    expectError(call("full", [2], undefined), TypeError, "full", "undefined");
    expectError(call("full", [2], null), TypeError, "full", "null");
    expectError(call("full", [2], 1n), TypeError, "full", "bigint");
    expectTensor(np.full([2], NaN), [NaN, NaN]);
    expect(Object.is(np.full([1], -0).data[0], -0)).toBe(true);
  });

  it("a shape is a number or an array of non-negative integers", () => {
    for (const op of ["zeros", "ones", "broadcastTo", "reshape"] as const) {
      const args = op === "broadcastTo" || op === "reshape" ? [np.ones([3])] : [];
      expectError(call(op, ...args, "3"), TypeError, op, "shape", '"3"');
      expectError(call(op, ...args, null), TypeError, op, "shape", "null");
      expectError(call(op, ...args, { length: 1 }), TypeError, op, "shape");
    }
    expectError(call("zeros", [2, -1]), RangeError, "zeros", "(2, -1)");
    expectError(call("zeros", [1.5]), RangeError, "zeros", "1.5");
    expectError(call("zeros", [NaN]), RangeError, "zeros", "NaN");
    expectError(call("zeros", [2, , 3]), RangeError, "zeros");
  });
});

describe("axes", () => {
  // Every op with an axis argument, called with the bad axis in its place.
  const withAxis: Record<string, (axis: unknown) => unknown> = {
    sum: (axis) => np.sum(t, axis as never), prod: (axis) => np.prod(t, axis as never), max: (axis) => np.max(t, axis as never),
    min: (axis) => np.min(t, axis as never), mean: (axis) => np.mean(t, axis as never), argmax: (axis) => np.argmax(t, axis as never),
    argmin: (axis) => np.argmin(t, axis as never), logsumexp: (axis) => np.logsumexp(t, axis as never),
    var: (axis) => np.var(t, axis as never), std: (axis) => np.std(t, axis as never),
    any: (axis) => np.any(t, axis as never), all: (axis) => np.all(t, axis as never), cumsum: (axis) => np.cumsum(t, axis as never),
    cumprod: (axis) => np.cumprod(t, axis as never),
    diff: (axis) => np.diff(t, 1, axis as never),
    softmax: (axis) => np.softmax(t, axis as never), expandDims: (axis) => np.expandDims(t, axis as never),
    squeeze: (axis) => np.squeeze(np.ones([1, 1]), axis as never), concatenate: (axis) => np.concatenate([t, t], axis as never),
    stack: (axis) => np.stack([t, t], axis as never), take: (axis) => np.take(t, [0], axis as never),
    slice: (axis) => np.slice(t, 0, 1, axis as never), moveaxis: (axis) => np.moveaxis(t, axis as never, 0),
  };

  it.each(Object.keys(withAxis))("%s: a string, a fraction, NaN or an object as an axis is a TypeError naming `axis`", (op) => {
    expectError(() => withAxis[op]("0"), TypeError, `${op}:`, "axis", '"0"');
    expectError(() => withAxis[op](0.5), TypeError, `${op}:`, "axis", "0.5");
    expectError(() => withAxis[op](NaN), TypeError, `${op}:`, "axis", "NaN");
    expectError(() => withAxis[op]({}), TypeError, `${op}:`, "axis");
  });

  it.each(Object.keys(withAxis))("%s: an axis beyond the rank is a RangeError naming the axis and the shape", (op) => {
    const rank = op === "squeeze" ? 2 : op === "expandDims" || op === "stack" ? 3 : 2;
    const shape = op === "squeeze" ? "(1, 1)" : "(2, 3)";
    expectError(() => withAxis[op](rank), RangeError, `${op}:`, `axis ${rank}`, shape);
    expectError(() => withAxis[op](-rank - 1), RangeError, `${op}:`, `axis ${-rank - 1}`);
  });

  it("a list of axes holds integers, each once; keepdims is a boolean", () => {
    expectError(call("sum", t, [0, "1"]), TypeError, "sum", "axis", '"1"');
    expectError(call("sum", t, [0, -2]), RangeError, "sum", "repeated axis");
    expectError(call("argmax", t, [0]), TypeError, "argmax", "axis", "array");
    expectError(call("sum", t, 0, "yes"), TypeError, "sum", "keepdims", '"yes"');
    expectError(call("mean", t, 0, 1), TypeError, "mean", "keepdims", "1");
    expectError(call("argmin", t, 0, null), TypeError, "argmin", "keepdims", "null");
    expectError(call("logsumexp", t, 0, "no"), TypeError, "logsumexp", "keepdims");
    expectError(call("var", t, 0, "no"), TypeError, "var", "keepdims");
    expectError(call("std", t, 0, false, "1"), TypeError, "std", "ddof", '"1"');
    expectError(call("var", t, 0, false, Number.NaN), TypeError, "var", "ddof", "NaN");
    expectError(call("any", t, 0, 1), TypeError, "any", "keepdims", "1");
    expectError(call("diff", t, 0.5), TypeError, "diff", "n", "0.5");
    expectError(call("diff", t, -1), RangeError, "diff", "n", "-1");
    expectTensor(np.sum(t, [1, 0]) as unknown as Tensor, 21);
  });
});

describe("operands", () => {
  const bad: [string, unknown][] = [["a string", "1"], ["null", null], ["undefined", undefined], ["a bigint", 1n], ["an array", [1, 2]], ["an object", {}]];

  it.each(bad)("%s as an operand is a TypeError naming the op and the argument", (_, value) => {
    expectError(call("add", t, value), TypeError, "add:", "argument b");
    expectError(call("less", value, t), TypeError, "less:", "argument a");
    expectError(call("where", value, t, t), TypeError, "where:", "cond");
    expectError(call("where", true, t, value), TypeError, "where:", "argument b");
    expectError(call("exp", value), TypeError, "exp:");
    expectError(call("sum", value), TypeError, "sum:");
    expectError(call("dot", t, value), TypeError, "dot:");
  });

  it("a JS array where a Tensor belongs says to wrap it in np.array", () => {
    expectError(call("sum", [1, 2, 3]), TypeError, "sum", "np.array");
  });
});

describe("np.array of JS values", () => {
  it("refuses holes, ragged arrays and arrays that contain themselves", () => {
    expectError(call("array", [1, , 3]), TypeError, "array", "element [1]", "hole");
    expectError(call("array", [[1, 2], [3, ,]]), TypeError, "array", "element [1, 1]", "hole");
    expectError(call("array", new Array(3)), TypeError, "array", "element [0]", "hole");
    expectError(call("array", [[1, 2], [3]]), RangeError, "array", "ragged");
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expectError(call("array", cyclic), RangeError, "array", "64");
    let deep: unknown = 1;
    for (let depth = 0; depth < 65; depth++) deep = [deep];
    expectError(call("array", deep), RangeError, "array", "64");
  });

  it("takes NaN, ±Infinity and -0 as they are", () => {
    const values = np.array([NaN, Infinity, -Infinity, -0]);
    expect(Array.from(values.data)).toEqual([NaN, Infinity, -Infinity, -0]);
    expect(Object.is(values.data[3], -0)).toBe(true);
  });
});

describe("np.array of typed arrays", () => {
  const unsupported = [Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Uint32Array, BigInt64Array, BigUint64Array, DataView];
  const float16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView }).Float16Array;

  it.each([...unsupported, ...(float16 ? [float16] : [])].map((kind) => [kind.name, kind] as const))(
    "a %s has no dtype: a TypeError naming the class",
    (name, kind) => {
      expectError(call("array", new (kind as new (b: ArrayBuffer) => ArrayBufferView)(new ArrayBuffer(8))), TypeError, "array", name);
    },
  );

  it("a Uint8Array (a Node Buffer too) is bool, every nonzero byte true", () => {
    expectTensor(np.array(Buffer.from([0, 1, 255])), [false, true, true], "bool");
  });

  it("reads an offset view or a subarray as its own elements, and copies them", () => {
    const whole = Float64Array.of(0, 1, 2, 3, 4, 5);
    const view = whole.subarray(2, 5);
    const copied = np.array(view);
    whole[3] = 99;
    expectTensor(copied, [2, 3, 4]);
    expectTensor(np.array(new Int32Array(Int32Array.of(7, 8, 9).buffer, 4, 2)), [8, 9], "int32");
    expectTensor(np.add(np.array(view, [3]), 1), [3, 100, 5]);
  });

  it("reads a typed array over a SharedArrayBuffer, copying it", () => {
    const shared = new Float64Array(new SharedArrayBuffer(4 * 8)).fill(2);
    const t2 = np.array(shared, [2, 2]);
    shared[0] = -1;
    expectTensor(np.sum(t2, 1), [4, 4]);
    expect(t2.data.buffer).not.toBe(shared.buffer);
  });
});

describe("very large arrays", () => {
  it("runs elementwise ops, reductions and shape ops over 2^24 float64 elements", () => {
    const n = 2 ** 24;
    const x = np.arange(n);
    expect(x.size).toBe(n);
    const y = np.add(x, x);
    expect(y.data[n - 1]).toBe(2 * (n - 1));
    expect(np.sum(x)).toBe((n * (n - 1)) / 2);
    expect(np.max(np.neg(x))).toBe(-0);
    expect(np.argmax(x)).toBe(n - 1);
    const rows = np.sum(np.reshape(x, [4096, 4096]), 0);
    expect(rows.data[4095]).toBe(4096 * 4095 + (4096 * 4095 * 4096) / 2);
    const chosen = np.where(np.less(x, 1), x, np.exp(np.neg(x)));
    expect(chosen.data[1]).toBe(Math.exp(-1));
  });
});
