import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The reference and the uncompiled vmap hold a small constant per example (a JS value while fn runs, then the
// batched result), not a Tensor and a tree each: 2^22 scalar examples fit in a 256 MB heap.
const runtime = fileURLToPath(new URL("../../dist/runtime/index.js", import.meta.url));
const examples = 2 ** 22;

/** Runs `body` (with `np`, `vmap` and `n` in scope) in a node child whose heap is bounded; its stdout is the JSON it logs. */
function inBoundedHeap(body: string): unknown {
  const script = `const { np, vmap } = require(${JSON.stringify(runtime)}); const n = ${examples}; console.log(JSON.stringify((() => { ${body} })()));`;
  const child = spawnSync(process.execPath, ["--max-old-space-size=256", "-e", script], { encoding: "utf8" });
  expect(child.stderr.replace(/^.*not compiled[\s\S]*$/, "")).toBe("");
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

describe("the reference vmap over 2^22 scalar examples, in a 256 MB heap", () => {
  it("maps the identity over a float64 vector", () => {
    const result = inBoundedHeap(`
      const out = vmap.reference((x) => x)(np.arange(n));
      return [out.shape, out.dtype, out.data[0], out.data[n - 1]];`);
    expect(result).toEqual([[examples], "float64", 0, examples - 1]);
  });

  it("stacks a structured result of numbers and booleans, each leaf along its out axis", () => {
    const result = inBoundedHeap(`
      const out = vmap.reference((x, y) => ({ sum: x + y, positive: [x > 2] }), { outAxes: { sum: 0, positive: [-1] } })(np.arange(n), np.ones([n]));
      return [out.sum.shape, out.sum.data[n - 1], out.positive[0].dtype, out.positive[0].data[2], out.positive[0].data[3]];`);
    expect(result).toEqual([[examples], examples, "bool", 0, 1]);
  });

  it("runs the uncompiled vmap on the same budget", () => {
    const result = inBoundedHeap(`
      const out = vmap((x) => x * 2)(new Float64Array(n).fill(1.5));
      return [out.shape, out.data[n - 1]];`);
    expect(result).toEqual([[examples], 3]);
  });
});
