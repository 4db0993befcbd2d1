import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as batchedRuntime from "../../runtime/batched/index";
import * as publicApi from "../../runtime/index";
import { comparePytrees } from "../harness/compare";
import { createModuleLoader } from "../harness/evaluate";
import { buildFixtures } from "../harness/fixture-build";
import { Random } from "../harness/random";

// Where there are no worker threads (a browser: no Node `process`; a page that is not cross-origin isolated: no
// SharedArrayBuffer), a call site's `threads` asks for what is not there: the batch runs on the calling thread.
const fixtures = fileURLToPath(new URL("../../fixtures", import.meta.url));
const build = buildFixtures(path.join(fixtures, "tsconfig.json"));
const load = createModuleLoader((fileName) => build.emit(fileName).javascript, { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime });
const sites = load(path.join(fixtures, "threads", "input.ts")) as Record<string, (...args: unknown[]) => { data: Float64Array }>;

afterEach(() => vi.unstubAllGlobals());

describe("threads where there are none", () => {
  // Shared memory first: without Node the pool would turn itself off for the process, and the second case would not get that far.
  it.each([
    ["no SharedArrayBuffer", "SharedArrayBuffer"],
    ["no Node process", "process"],
  ])("%s: a threads: 2 site runs on the calling thread, with the one-thread result", (_, missing) => {
    const random = new Random(5);
    const [cashflows, years] = [random.uniform([200_000, 4], 0, 120), random.uniform([200_000], 0, 10)];
    const expected = sites.discountedOneThread(cashflows, years);
    const before = batchedRuntime.threadStatistics();
    let results: unknown[] = [];
    vi.stubGlobal(missing, undefined);
    try {
      // A few calls: the first measures the kernel, the next would go to workers if there were any.
      results = [1, 2, 3].map(() => sites.discountedThreaded(cashflows, years));
    } finally {
      vi.unstubAllGlobals();
    }
    const after = batchedRuntime.threadStatistics();
    expect(after.runs - before.runs).toBe(3);
    expect(after.runsOnWorkers).toBe(before.runsOnWorkers);
    for (const result of results) expect(comparePytrees(result, expected)).toEqual([]);
  });
});
