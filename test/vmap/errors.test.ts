import { describe, expect, it } from "vitest";
import { Tensor, VmapError, np, vmap } from "../../runtime/index";

/** The reference vmap without its types, to reach the checks that types would otherwise rule out. */
const untyped = vmap.reference as unknown as (fn: unknown, options?: unknown) => (...args: unknown[]) => unknown;

function vmapErrorOf(run: () => unknown): VmapError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VmapError);
    expect((error as Error).name).toBe("VmapError");
    return error as VmapError;
  }
  throw new Error("expected a VmapError, but nothing was thrown");
}

const rowSum = (row: Tensor): number => np.sum(row);
const x = np.zeros([3, 2]);

describe("sizes of mapped axes", () => {
  it("lists every mapped leaf by argument, path, axis, type and size when the sizes differ", () => {
    const model = (x: Tensor, params: { weights: Tensor; bias: Tensor }) =>
      np.add(np.dot(x, params.weights), params.bias);
    const batched = vmap.reference(model, { inAxes: [0, { weights: 1, bias: 0 }] });
    const error = vmapErrorOf(() => batched(np.zeros([3, 2]), { weights: np.zeros([2, 4]), bias: np.zeros([3]) }));
    expect(error.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * 2 axes had size 3: axis 0 of argument 0 (x) of type float64[3,2]; " +
        "axis 0 of argument 1 (params) at args[1].bias of type float64[3]\n" +
        "  * one axis had size 4: axis 1 of argument 1 (params) at args[1].weights of type float64[2,4]",
    );
  });

  it("names a negative axis as given and typed-array arguments by their dtype", () => {
    const add = (a: number, b: Tensor): Tensor => np.add(b, a);
    const error = vmapErrorOf(() => vmap.reference(add, { inAxes: [0, -1] })(new Int32Array(2), np.zeros([4, 3])));
    expect(error.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * one axis had size 2: axis 0 of argument 0 (a) of type int32[2]\n" +
        "  * one axis had size 3: axis -1 of argument 1 (b) of type float64[4,3]",
    );
  });

  it("requires axisSize to agree with the mapped axes", () => {
    const error = vmapErrorOf(() => vmap.reference((v: number) => v, { axisSize: 3 })(new Float64Array(2)));
    expect(error.message).toBe("vmap: axisSize is 3 but the mapped axes have size 2: axis 0 of argument 0 (v) of type float64[2]");
  });

  it("needs axisSize when nothing is mapped", () => {
    expect(vmapErrorOf(() => vmap.reference(rowSum, { inAxes: null })(x)).message).toBe(
      "vmap: inAxes maps no argument, so the batch size is unknown; pass axisSize in the options, or map an argument with inAxes",
    );
    expect(vmapErrorOf(() => vmap.reference(() => 1)()).message).toBe(
      "vmap: the function was called with no arguments, so the batch size is unknown; " +
        "pass axisSize in the options, or map an argument with inAxes",
    );
  });
});

describe("what inAxes maps", () => {
  it("refuses an axis out of range for the leaf's rank", () => {
    expect(vmapErrorOf(() => vmap.reference(rowSum, { inAxes: 2 })(x)).message).toBe(
      "vmap: inAxes gives axis 2 for argument 0 (row) of shape (3, 2), which is out of range for rank 2 (valid axes are -2 to 1)",
    );
    expect(vmapErrorOf(() => vmap.reference(rowSum, { inAxes: -3 })(x)).message).toContain("gives axis -3 for argument 0 (row)");
    expect(vmapErrorOf(() => vmap.reference((v: number) => v)(np.array(5))).message).toBe(
      "vmap: inAxes gives axis 0 for argument 0 (v) of shape (), which is out of range for rank 0 (a rank-0 Tensor has no axis to map)",
    );
  });

  it("refuses to map a JS number or boolean", () => {
    const add = (x: number, y: number): number => x + y;
    expect(vmapErrorOf(() => untyped(add)(new Float64Array([1]), 3)).message).toBe(
      "vmap: inAxes maps argument 1 (y), which is the JS number 3 and has no axis to map; " +
        "give it inAxes null to pass it whole to every example, or pass a Tensor or typed array",
    );
    expect(vmapErrorOf(() => untyped((flag: boolean) => flag)(true)).message).toContain("which is the JS boolean true");
  });

  it("refuses to map other values, naming the path inside the argument", () => {
    const named = (p: { name: string; v: Tensor }): Tensor => p.v;
    expect(vmapErrorOf(() => untyped(named)({ name: "a", v: x })).message).toBe(
      'vmap: inAxes maps argument 0 (p) at args[0].name, which is the string "a"; only Tensors and typed arrays ' +
        "(Float64Array, Float32Array, Int32Array, Uint8Array) can be mapped; give it inAxes null to pass it whole to every example",
    );
    expect(vmapErrorOf(() => untyped(rowSum)(new Uint16Array(2))).message).toContain("which is a Uint16Array");
  });

  it("needs one spec per argument when inAxes is an array", () => {
    const sum = (...parts: Tensor[]): Tensor => parts.reduce((total, part) => np.add(total, part));
    expect(vmapErrorOf(() => vmap.reference(sum, { inAxes: [0, 0, null] })(x, x)).message).toBe(
      "vmap: inAxes is an array of 3 specs, one per argument, but the function was called with 2 arguments; " +
        "to give a spec for a single array-valued argument, wrap it: [[0, null]]",
    );
    expect(vmapErrorOf(() => vmap.reference(sum, { inAxes: [0, 0] })(x)).message).toContain("called with 1 argument;");
  });

  it("needs the spec's structure to be a prefix of the argument's", () => {
    const affine = (params: { w: Tensor; b: number }, v: Tensor) => np.add(np.dot(params.w, v), params.b);
    const wrongKeys = untyped(affine, { inAxes: [{ w: null, bias: 0 }, 0] });
    expect(vmapErrorOf(() => wrongKeys({ w: x, b: 1 }, x)).message).toBe(
      "vmap: inAxes does not match the structure of argument 0 (params): inAxes has an object with keys (w, bias) there, " +
        "but the value is an object with keys (w, b)",
    );
    const wrongKind = untyped(affine, { inAxes: [{ w: [0, null], b: 0 }, 0] });
    expect(vmapErrorOf(() => wrongKind({ w: x, b: 1 }, x)).message).toBe(
      "vmap: inAxes does not match the structure of argument 0 (params) at args[0].w: inAxes has an array of length 2 there, " +
        "but the value is a float64 Tensor of shape (3, 2)",
    );
  });
});

describe("results", () => {
  const double = (row: Tensor): Tensor => np.mul(row, 2);

  it("refuses an out axis out of range for the stacked rank", () => {
    expect(vmapErrorOf(() => vmap.reference(double, { outAxes: 2 })(x)).message).toBe(
      "vmap: outAxes gives axis 2 for result of per-example shape (2,), which is out of range for the stacked rank 2 " +
        "(valid axes are -2 to 1)",
    );
    const stats = (row: Tensor) => ({ total: np.sum(row) });
    expect(vmapErrorOf(() => vmap.reference(stats, { outAxes: { total: -2 } })(x)).message).toBe(
      "vmap: outAxes gives axis -2 for result.total of per-example shape (), which is out of range for the stacked rank 1 " +
        "(valid axes are -1 to 0)",
    );
    expect(vmapErrorOf(() => vmap.reference(double, { outAxes: 2 })(np.zeros([0, 2]))).message).toContain(
      "outAxes gives axis 2 for result of per-example shape (2,)",
    );
  });

  it("needs outAxes to match the result's structure", () => {
    const stats = (row: Tensor) => ({ total: np.sum(row) });
    expect(vmapErrorOf(() => untyped(stats, { outAxes: [0, 0] })(x)).message).toBe(
      "vmap: outAxes does not match the structure of result: outAxes has an array of length 2 there, " +
        "but the value is an object with keys (total)",
    );
  });

  it("needs every example to return the same structure", () => {
    const ragged = (v: number) => (v > 0 ? { a: v } : { a: v, b: v });
    expect(vmapErrorOf(() => vmap.reference(ragged)(new Float64Array([1, -1]))).message).toBe(
      "vmap: the function returned results of different structure: {a: *} for example 0 but {a: *, b: *} for example 1",
    );
  });

  it("needs every example to return the same shapes", () => {
    const grow = (n: number): Tensor => np.zeros([n]);
    expect(vmapErrorOf(() => vmap.reference(grow)(new Float64Array([2, 2, 3]))).message).toBe(
      "vmap: result has shape (2,) for example 0 but (3,) for example 2; a result must have the same shape for every example",
    );
  });

  it("refuses a result leaf that cannot be stacked", () => {
    const labelled = (v: number) => ({ value: v, label: "x" });
    expect(vmapErrorOf(() => untyped(labelled)(new Float64Array([1]))).message).toBe(
      'vmap: result.label is the string "x"; a result mapped by outAxes may hold only numbers, booleans, Tensors and ' +
        "typed arrays (Float64Array, Float32Array, Int32Array, Uint8Array), in objects and arrays; " +
        "give it outAxes null to return it unbatched",
    );
  });

  it("needs a null-out-axis result to be the same for every example", () => {
    const identity = (v: number): number => v;
    expect(vmapErrorOf(() => vmap.reference(identity, { outAxes: null })(new Float64Array([1, 2]))).message).toBe(
      "vmap: outAxes is null for result, so it must be the same for every example, but example 0 gave the number 1 " +
        "and example 1 gave the number 2; give it an axis to stack it",
    );
  });
});

describe("options", () => {
  it("checks options when vmap is called", () => {
    expect(vmapErrorOf(() => untyped(rowSum, { axisSize: -1 })).message).toBe(
      "vmap: axisSize must be a non-negative integer, got the number -1",
    );
    expect(vmapErrorOf(() => untyped(rowSum, { axisSize: 1.5 })).message).toContain("got the number 1.5");
    expect(vmapErrorOf(() => untyped(rowSum, { in_axes: 0 })).message).toBe(
      "vmap: unknown option in_axes; the options are inAxes, outAxes, axisSize, chunkSize and threads",
    );
    expect(vmapErrorOf(() => untyped(rowSum, 0)).message).toBe(
      "vmap: options must be an object { inAxes?, outAxes?, axisSize?, chunkSize?, threads? }, got the number 0",
    );
    expect(vmapErrorOf(() => untyped(rowSum, { chunkSize: 0 })).message).toBe("vmap: chunkSize must be a positive integer, got the number 0");
    expect(vmapErrorOf(() => untyped(rowSum, { threads: 1.5 })).message).toBe("vmap: threads must be a positive integer, got the number 1.5");
    expect(vmapErrorOf(() => untyped(3)).message).toBe("vmap: expected a function to batch, got the number 3");
  });

  it("checks that axis specs are integers, null, arrays and objects", () => {
    expect(vmapErrorOf(() => untyped(rowSum, { inAxes: "0" })).message).toBe(
      'vmap: inAxes is the string "0"; an axis spec is an integer axis, null (not mapped), or an array or object of them',
    );
    expect(vmapErrorOf(() => untyped(rowSum, { outAxes: { a: 0.5 } })).message).toContain("vmap: outAxes.a is the number 0.5");
  });
});

describe("errors of the per-example function", () => {
  it("pass through unchanged", () => {
    const mismatched = (row: Tensor): Tensor => np.add(row, np.zeros([3]));
    expect(() => vmap.reference(mismatched)(x)).toThrow(RangeError);
  });
});
