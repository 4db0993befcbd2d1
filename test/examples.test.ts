import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The README's demo: examples/seed compiled with tspc and the plugin, run, and inspected.
const repository = fileURLToPath(new URL("..", import.meta.url));

describe("the demo (npm run demo)", () => {
  it("compiles examples/seed with tspc, runs it, and shows the code vmap(sumOfSquares) became", () => {
    const demo = spawnSync(process.execPath, ["examples/demo.mjs"], { cwd: repository, encoding: "utf8" });
    expect(demo.stderr).toBe("");
    expect(demo.status).toBe(0);
    const output = demo.stdout;
    expect(output.match(/Running sumOfSquares for a vector of shape: \(3\)/g)).toHaveLength(1);
    expect(output).toContain("[14, 77, 194, 1]\n");
    expect(output).toContain("[[0, 5, 10], [5, 0, 5], [10, 5, 0]]\n");
    expect(output).toContain("function sumOfSquaresBatched(vector)");
    expect(output).not.toContain("not compiled");
  });
});
