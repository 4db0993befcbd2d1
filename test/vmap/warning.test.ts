import { describe, expect, it, vi } from "vitest";
import { type Tensor, np, vmap } from "../../runtime/index";

function sumOfSquares(vector: Tensor): number {
  return np.sum(np.square(vector));
}

const batch = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]]);

/** What was written to stderr while `run` ran. */
function stderrOf(run: () => void): string {
  const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    run();
    return write.mock.calls.map(([chunk]) => String(chunk)).join("");
  } finally {
    write.mockRestore();
  }
}

describe("the seed example of DESIGN §1", () => {
  it("gives [14, 77, 194, 1] by the reference, without a warning", () => {
    let printed = "";
    const written = stderrOf(() => {
      printed = vmap.reference(sumOfSquares)(batch).toString();
    });
    expect(printed).toBe("[14, 77, 194, 1]");
    expect(written).toBe("");
  });

  it("gives the same through uncompiled vmap, which warns once per process", () => {
    let printed = "";
    const first = stderrOf(() => {
      printed = vmap(sumOfSquares)(batch).toString();
    });
    expect(printed).toBe("[14, 77, 194, 1]");
    expect(first).toContain("not compiled");
    expect(first).toContain('{ "compilerOptions": { "plugins": [{ "transform": "tsvmap/transformer" }] } }');
    expect(first).toContain("tspc");
    expect(first).toContain("ts-patch");
    expect(first).toMatch(/warning\.test\.ts:\d+:\d+/);

    const second = stderrOf(() => {
      expect(vmap(sumOfSquares)(batch).toArray()).toEqual([14, 77, 194, 1]);
      expect(vmap((v: number) => v)(new Float64Array([1])).toArray()).toEqual([1]);
    });
    expect(second).toBe("");
  });
});
