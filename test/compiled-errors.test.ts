import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as batchedRuntime from "../runtime/batched/index";
import * as publicApi from "../runtime/index";
import { createModuleLoader } from "./harness/evaluate";
import { buildFixtures } from "./harness/fixture-build";

// Bad input to compiled code is a VmapError, RangeError or TypeError naming the shapes, as for the reference.
const fixtures = fileURLToPath(new URL("../fixtures", import.meta.url));
const build = buildFixtures(path.join(fixtures, "tsconfig.json"));
const load = createModuleLoader((fileName) => build.emit(fileName).javascript, { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime });
const { np, VmapError } = publicApi;

type Batched = (...args: unknown[]) => unknown;
const compiled = (name: string) => load(path.join(fixtures, name, "input.ts")).batched as Batched;

describe("compiled vmap on bad input", () => {
  it("names each mapped argument, its axis and size when sizes disagree", () => {
    const call = () => compiled("scalar-arith")(np.zeros([3]), np.zeros([4]));
    expect(call).toThrow(VmapError);
    expect(call).toThrow(/inconsistent sizes[\s\S]*axis 0 of argument x of shape \(3,\) has size 3[\s\S]*axis 0 of argument y of shape \(4,\) has size 4/);
  });

  it("is a VmapError, as the reference's, where some examples return an array read past its end and others a value", () => {
    const pick = load(path.join(fixtures, "empty-results", "input.ts")).pickBatched as Batched;
    const call = () => pick(np.array([0.5, -1, 2]));
    expect(call).toThrow(VmapError);
    expect(call).toThrow(/returned results of different structure: a value for example 0 but undefined for example 1/);
  });

  it("refuses an in axis outside an argument's rank", () => {
    expect(() => compiled("negative-axes")(np.zeros([]))).toThrow(/in axis -1 is out of range for argument x of shape \(\) \(rank 0\)/);
  });

  it("refuses a mapped argument that is not a Tensor or typed array", () => {
    expect(() => compiled("seed")([[1, 2, 3]])).toThrow(VmapError);
    expect(() => compiled("seed")([[1, 2, 3]])).toThrow(/argument vector is mapped, so it must be a Tensor or a typed array/);
  });

  it("raises the op's RangeError, naming the per-example shape, for a per-example shape error", () => {
    const call = () => compiled("shape-ops")(np.zeros([2, 5]));
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/reshape: cannot reshape an example of shape \(5,\) into shape \(2, -1\)/);
  });

  it("raises a RangeError for a batched index out of range", () => {
    const call = () => compiled("batched-indices")(np.array([0, 9]), np.zeros([2, 4, 2]), np.array([0, 0]));
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/index 9 is out of bounds for axis 0 with size 4/);
  });
});

describe("a batched branch between sides of two dtypes", () => {
  const fixture = load(path.join(fixtures, "branch-dtypes", "input.ts"));
  const [batched, reference] = [fixture.splitThenComputed, fixture.splitThenComputedReference] as [Batched, Batched];
  const float32 = (rows: number[][]) => np.array(Float32Array.from(rows.flat()), [rows.length, 3]);

  it("computes as the reference when every example takes one side", () => {
    const positive = float32([[1.1, 2, 3], [0.3, 0.2, 0.1]]);
    const negative = float32([[-1.1, 2, -3], [-0.3, 0.2, -0.1]]);
    for (const input of [positive, negative]) {
      const [got, expected] = [batched(input) as publicApi.Tensor, reference(input) as publicApi.Tensor];
      expect([got.dtype, Array.from(got.data)]).toEqual([expected.dtype, Array.from(expected.data)]);
    }
  });

  it("is a VmapError naming both dtypes when the examples split and compute on, never a promoted answer", () => {
    const split = float32([[1.1, 2, 3], [-0.3, 0.2, -0.1]]);
    expect(() => reference(split)).not.toThrow();
    expect(() => batched(split)).toThrow(VmapError);
    expect(() => batched(split)).toThrow(/gives some examples a float32 Tensor and others a float64 Tensor \(batched shape \(2, 3\)\)/);
  });
});

describe("a closed-over array of Tensors read at a batched index", () => {
  const fixture = load(path.join(fixtures, "tensor-table", "input.ts"));
  const [batched, reference] = [fixture.batched, fixture.reference] as [Batched, Batched];

  it("is a TypeError, as in the reference, where an example that reads it reads past the end", () => {
    const args = () => [np.zeros([2, 3]), np.array([0, 3]), np.array([0, 0])];
    expect(() => reference(...args())).toThrow(TypeError);
    expect(() => batched(...args())).toThrow(TypeError);
    expect(() => batched(...args())).toThrow(/an array of 3 Tensors read at index 3 gives undefined/);
  });
});

describe("a closed-over array of numbers read at a batched index past its end", () => {
  const fixture = load(path.join(fixtures, "past-end-reads", "input.ts"));
  const [batched, reference] = [fixture.batched, fixture.reference] as [Batched, Batched];
  const args = (k: number[], wide: number[]) => [np.array(k), np.array(wide), np.array([1, 2]), np.ones([2, 3])];

  it("is a NaN where only JS arithmetic reads it, as in the reference", () => {
    const [got, expected] = [batched(...args([0, 1], [0, 6])), reference(...args([0, 1], [0, 6]))] as publicApi.Tensor[][];
    expect(Array.from(got[0].data)).toEqual([1.5, NaN]);
    expect(Array.from(got[2].data)).toEqual(Array.from(expected[2].data));
    expect(Array.from(got[0].data)).toEqual(Array.from(expected[0].data));
  });

  it("is a TypeError where an `np` op would see the `undefined`, as the reference's op throws one", () => {
    expect(() => reference(...args([0, 6], [0, 1]))).toThrow(TypeError);
    expect(() => batched(...args([0, 6], [0, 1]))).toThrow(TypeError);
    expect(() => batched(...args([0, 6], [0, 1]))).toThrow(/an array of 4 numbers read at index 6 gives undefined, which compiled code cannot carry/);
  });
});

describe("an op whose result nothing reads", () => {
  const fixture = load(path.join(fixtures, "unread-power", "input.ts"));
  const [batched, reference] = [fixture.batched, fixture.reference] as [Batched, Batched];

  it("still throws where the per-example function throws: integers to a negative power", () => {
    const exponents = np.array(Int32Array.of(2, -1, 3, 1), [2, 2]);
    expect(() => reference(exponents)).toThrow(RangeError);
    expect(() => batched(exponents)).toThrow(/pow: integers to negative integer powers are not allowed/);
    const positive = np.array(Int32Array.of(2, 1, 3, 1), [2, 2]);
    expect(Array.from((batched(positive) as publicApi.Tensor).data)).toEqual(Array.from((reference(positive) as publicApi.Tensor).data));
  });
});

describe("an unbatched op that throws, under a batched condition", () => {
  const fixture = load(path.join(fixtures, "unreached-throws", "input.ts"));
  const [batched, reference] = [fixture.batched, fixture.reference] as [Batched, Batched];
  const exponents = np.array(Int32Array.of(1, -2));

  it("throws what the reference throws once an example gets there", () => {
    const x = np.array([0.5, 200]);
    expect(() => reference(x, 100, exponents)).toThrow(/add: argument b must be a Tensor, number or boolean, got undefined/);
    expect(() => batched(x, 100, exponents)).toThrow(TypeError);
    expect(() => batched(x, 100, exponents)).toThrow(/add: argument b must be a Tensor, number or boolean, got undefined/);
  });

  it("computes as the reference where no example does", () => {
    const x = np.array([0.5, -3]);
    for (const run of [batched, reference]) {
      const results = run(x, 100, exponents) as publicApi.Tensor[];
      expect(results.map((result) => Array.from(result.data))).toEqual([[0.5, -3], [0.5, -3]]);
    }
  });
});

describe("a throw of the per-example function", () => {
  const fixture = load(path.join(fixtures, "throw-checks", "input.ts"));
  const [batched, reference] = [fixture.batched, fixture.reference] as [Batched, Batched];
  const thrownBy = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return [(error as Error).constructor.name, (error as Error).message];
    }
    return undefined;
  };

  it("throws what the reference throws, once, on a shape or an unmapped argument", () => {
    const v = np.zeros([2, 3]);
    for (const args of [[v, np.zeros([4]), 2], [v, np.zeros([3, 1]), 2], [v, np.zeros([3]), -1]]) {
      const expected = thrownBy(() => reference(...args));
      expect(expected).toBeDefined();
      expect(thrownBy(() => batched(...args))).toEqual(expected);
    }
    expect(thrownBy(() => batched(v, np.zeros([4]), 2))).toEqual(["RangeError", "projected: v has 3 entries but w has 4"]);
  });
});

describe("compiled vmap checks its arguments as the reference does", () => {
  const boundary = load(path.join(fixtures, "boundary", "input.ts"));
  const pair = (name: string) => [boundary[`${name}Batched`], boundary[`${name}Reference`]] as [Batched, Batched];
  /** Both sides throw the same error class with the same message. */
  const bothThrowAlike = (name: string, ...args: unknown[]) => {
    const [compiledFn, referenceFn] = pair(name);
    const failure = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as Error;
      }
      throw new Error(`${name} did not throw`);
    };
    const compiledError = failure(() => compiledFn(...args));
    const referenceError = failure(() => referenceFn(...args));
    expect(compiledError.constructor).toBe(referenceError.constructor);
    return compiledError;
  };

  it("an inAxes list needs one argument per spec", () => {
    const error = bothThrowAlike("threeSpecs", np.array([1, 2]));
    expect(error).toBeInstanceOf(VmapError);
    expect(error.message).toMatch(/inAxes is an array of 3 specs, one per argument, but the function was called with 1 argument/);
  });

  it("an unmapped argument that is not a Tensor or number is a TypeError, not a scalar", () => {
    expect(bothThrowAlike("project", np.zeros([2, 3]), "abc")).toBeInstanceOf(TypeError);
  });

  it("a per-example number mapped from a 2-D batch is a VmapError naming the shape", () => {
    const [compiledFn] = pair("select");
    expect(() => compiledFn(np.array([[1, 4, 9], [16, 25, 36]]))).toThrow(VmapError);
    expect(() => compiledFn(np.array([[1, 4, 9], [16, 25, 36]]))).toThrow(/mapped from an argument of shape \(2, 3\)/);
  });

  it("numbers mapped to a boolean parameter are what JS takes them as: NaN and 0 false, the rest true", () => {
    const [compiledFn, referenceFn] = pair("gate");
    const on = new Float64Array([NaN, 0, -0, 2, -1]);
    const x = np.array([1, 2, 3, 4, 5]);
    const expected = (referenceFn(on, x) as { toArray(): unknown }).toArray();
    expect(expected).toEqual([-1, -2, -3, 4, 5]);
    expect((compiledFn(on, x) as { toArray(): unknown }).toArray()).toEqual(expected);
  });

  it("a bool typed array mapped to numbers gives 0 and 1, as the reference's booleans", () => {
    const [compiledFn, referenceFn] = pair("doubled");
    const input = new Uint8Array([4, 0, 255]);
    expect((compiledFn(input) as { toArray(): unknown }).toArray()).toEqual((referenceFn(input) as { toArray(): unknown }).toArray());
  });
});

describe("structured arguments pass one boundary, shared with the reference", () => {
  const boundary = load(path.join(fixtures, "boundary", "input.ts"));
  const [compiledLayer, referenceLayer] = [boundary.layerBatched, boundary.layerReference] as Batched[];
  const x = np.zeros([2, 3]);

  it("refuses a class instance where a plain object is mapped, on both sides", () => {
    class Layer {
      weights = np.zeros([2, 2, 3]);
      bias = np.zeros([2]);
    }
    expect(() => referenceLayer(new Layer(), x)).toThrow(VmapError);
    expect(() => compiledLayer(new Layer(), x)).toThrow(VmapError);
    expect(() => compiledLayer(new Layer(), x)).toThrow(/argument 0 \(layer\), which is a Layer/);
  });

  it("checks the sizes of keys the function never reads, as the reference does", () => {
    const layer = { weights: np.zeros([2, 2, 3]), bias: np.zeros([2]), extra: np.zeros([5]) };
    expect(() => referenceLayer(layer, x)).toThrow(/inconsistent sizes/);
    expect(() => compiledLayer(layer, x)).toThrow(/inconsistent sizes/);
  });

  it("reads a getter once", () => {
    let reads = 0;
    const layer = {
      get weights() {
        reads++;
        return np.ones([2, 2, 3]);
      },
      bias: np.zeros([2]),
    };
    compiledLayer(layer, x);
    expect(reads).toBe(1);
  });
});
