import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as batchedRuntime from "../runtime/batched/index";
import * as publicApi from "../runtime/index";
import { comparePytrees } from "./harness/compare";
import { createModuleLoader } from "./harness/evaluate";
import { buildFixtures } from "./harness/fixture-build";
import { Random } from "./harness/random";

// The fixture int32-kernels checks the int32 kernel's results; this checks that int32 data runs that kernel, not the ops one by one.
const fixtures = fileURLToPath(new URL("../fixtures", import.meta.url));
const build = buildFixtures(path.join(fixtures, "tsconfig.json"));
const load = createModuleLoader((fileName) => build.emit(fileName).javascript, { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime });
const fixture = load(path.join(fixtures, "int32-kernels", "input.ts")) as { batched: (...args: unknown[]) => unknown; reference: (...args: unknown[]) => unknown };

function kernelRuns(call: () => unknown): { result: unknown; runs: number } {
  const before = batchedRuntime.threadStatistics().runs;
  const result = call();
  return { result, runs: batchedRuntime.threadStatistics().runs - before };
}

describe("int32 kernels", () => {
  it("run on int32 data in one pass, wrapping as the reference does", () => {
    const x = new Random(3).integers([50, 6], -60000, 60000);
    const { result, runs } = kernelRuns(() => fixture.batched(x));
    expect(runs).toBe(1);
    expect(comparePytrees(result, fixture.reference(x))).toEqual([]);
  });

  it("leave other dtypes to their own kernels: float64 data runs the float64 one", () => {
    const x = new Random(4).normal([50, 6]);
    const { result, runs } = kernelRuns(() => fixture.batched(x));
    expect(runs).toBe(1);
    expect(comparePytrees(result, fixture.reference(x))).toEqual([]);
  });
});

const weak = load(path.join(fixtures, "int32-weak-numbers", "input.ts")) as { batched: (...args: unknown[]) => unknown; reference: (...args: unknown[]) => unknown };

describe("int32 kernels meeting JS numbers", () => {
  const x = new Random(5).integers([30, 4], -60000, 60000);
  const steps = (random: Random) => random.integers([30], -5, 6).toArray() as number[];

  it("run where every per-example and closed-over number is an integer, wrapping as each example does", () => {
    const step = publicApi.np.array(steps(new Random(6)));
    const { result, runs } = kernelRuns(() => weak.batched(x, step));
    expect(runs).toBe(1);
    expect(comparePytrees(result, weak.reference(x, step))).toEqual([]);
  });

  it("give way to the ops one by one where a number is a fraction; split between int32 and float64 examples that compute on, that is a VmapError, never a float64 answer", () => {
    const step = publicApi.np.array(steps(new Random(7)).map((value, index) => (index === 3 ? value + 0.5 : value)));
    const { runs } = kernelRuns(() => expect(() => weak.batched(x, step)).toThrow(/np\.mul: a per-example number meets an int32 Tensor .* as an integer in some examples and as a fraction in others/));
    expect(runs).toBe(0);
    expect(() => weak.reference(x, step)).not.toThrow();
  });
});

const choices = load(path.join(fixtures, "int32-weak-choices", "input.ts")) as Record<"batched" | "reference" | "batchedChoices" | "referenceChoices", (...args: unknown[]) => unknown>;

describe("np.maximum, np.minimum and np.where between int32 data and per-example numbers", () => {
  const x = new Random(8).integers([30, 4], -60000, 60000);
  const split = publicApi.np.array((new Random(9).integers([30], -5, 6).toArray() as number[]).map((value, index) => (index % 4 === 1 ? value + 0.25 : value)));

  it("hold numbers split between int32 and float64 in float64 where the choice is only returned, as the reference stacks them", () => {
    expect(comparePytrees(choices.batchedChoices(x, split), choices.referenceChoices(x, split))).toEqual([]);
  });

  it("throw a VmapError where a split choice is computed on, never a float64 answer", () => {
    expect(() => choices.batched(x, split)).toThrow(/np\.minimum: a per-example number meets an int32 Tensor .* as an integer in some examples and as a fraction in others/);
    expect(() => choices.reference(x, split)).not.toThrow();
  });
});
