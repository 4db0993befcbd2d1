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
