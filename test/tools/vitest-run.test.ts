import { expect, inject, it } from "vitest";
import { runNode, writeExample } from "./example-project";
import { toolBin } from "./bundler-case";

const modelTest = `import { np, vmap } from "tsvmap";
import { expect, it } from "vitest";
import { score } from "./model";

it("the compiled vmap of score agrees with vmap.reference", () => {
  const examples = np.array([[1, 2, 3], [4, 5, 9], [0, -1, 2], [3, 3, 3], [2.5, -7, 0.25]]);
  const weights = np.array([0.5, -1, 2]);
  const compiled = vmap(score, { inAxes: [0, null] })(examples, weights).toArray();
  const reference = vmap.reference(score, { inAxes: [0, null] })(examples, weights).toArray();
  expect(compiled).toHaveLength(5);
  compiled.forEach((value, i) => expect(value).toBeCloseTo(reference[i], 12));
});
`;

// The parent vitest's own settings must not leak into the user's run.
const userEnvironment = Object.fromEntries(Object.keys(process.env).filter((name) => name.startsWith("VITEST")).map((name) => [name, ""]));

it("a vitest run in a vite project with tsvmap/vite tests the compiled function, without a 'not compiled' warning", async () => {
  const dir = writeExample(inject("toolsProject"), "vitest", {
    "vitest.config.mjs": `import tsvmap from "tsvmap/vite";\n\nexport default { plugins: [tsvmap()] };\n`,
    "src/model.test.ts": modelTest,
  });
  const run = await runNode([toolBin("vitest/vitest.mjs"), "run", "--reporter", "verbose"], dir, userEnvironment);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain("the compiled vmap of score agrees with vmap.reference");
  expect(run.stdout + run.stderr).not.toContain("not compiled");
});
